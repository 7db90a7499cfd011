# Checks that every number pmap -X/-XX printed equals the value in smaps1 (pmap read the same smaps).
import re, sys, os
d = sys.argv[1]
maps = []
for line in open(os.path.join(d, 'smaps1'), encoding='latin-1'):
    line = line.rstrip('\n')
    if re.match(r'^[0-9a-f]+-[0-9a-f]+ ', line):
        maps.append({})
    else:
        m = re.match(r'^(\w+):\s+(\d+)', line)
        if m:
            maps[-1][m.group(1)] = int(m.group(2))
def check(name, keys, quiet):
    lines = open(os.path.join(d, name), encoding='latin-1').read().split('\n')
    rows = lines[1:1 + len(maps)] if quiet else lines[2:2 + len(maps)]
    totals = {k: 0 for k in keys}
    for row, mp in zip(rows, maps):
        nums = row.split()[5:5 + len(keys)]
        for k, v in zip(keys, nums):
            if int(v) != mp[k]:
                print(name, 'differs', k, v, mp[k]); return False
            totals[k] += mp[k]
    if not quiet:
        tot = lines[2 + len(maps) + 1].split()[:-1]
        if [int(x) for x in tot] != [totals[k] for k in keys]:
            print(name, 'totals differ'); return False
    return True
hx = open(os.path.join(d, 'pmap-X.txt'), encoding='latin-1').read().split('\n')[1].split()[5:-1]
hxx = open(os.path.join(d, 'pmap-XX.txt'), encoding='latin-1').read().split('\n')[1].split()[5:-2]
ok = check('pmap-X.txt', hx, False) and check('pmap-X-q.txt', hx, True) and check('pmap-XX.txt', hxx, False) \
    and check('pmap-XX-p.txt', hxx, False)
sys.exit(0 if ok else 1)
