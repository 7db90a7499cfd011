# Reconstructs an older kernel's smaps (no Pss_Dirty, KSM, ProtectionKey) from a `pmap -X` sample.
import sys
lines = open('/work/shared/reference/vm-intro-homework.md', encoding='utf-8').read().split('\n')
first = '23877:   ./memory-user 100'
i = lines.index(first)
j = i + 2
while not lines[j].strip().startswith('='):
    j += 1
expected = lines[i:j + 2]
header = lines[i + 1].split()
shown = header[5:-1]
paths = {'memory-user': '/root/memory-user', 'libc.so.6': '/usr/lib/x86_64-linux-gnu/libc.so.6',
         'ld-linux-x86-64.so.2': '/usr/lib/x86_64-linux-gnu/ld-linux-x86-64.so.2'}
keys = ['Size', 'KernelPageSize', 'MMUPageSize', 'Rss', 'Pss', 'Shared_Clean', 'Shared_Dirty', 'Private_Clean',
        'Private_Dirty', 'Referenced', 'Anonymous', 'LazyFree', 'AnonHugePages', 'ShmemPmdMapped', 'FilePmdMapped',
        'Shared_Hugetlb', 'Private_Hugetlb', 'Swap', 'SwapPss', 'Locked', 'THPeligible']
out = []
for row in lines[i + 2:j]:
    p = row.split(None, 5 + len(shown))
    start, perms, offset, dev, inode = p[0], p[1], p[2], p[3], p[4]
    v = dict(zip(shown, (int(x) for x in p[5:5 + len(shown)])))
    name = p[5 + len(shown)] if len(p) > 5 + len(shown) else ''
    name = paths.get(name, name)
    startv = int(start, 16)
    end = startv + v['Size'] * 1024
    anon = v['Anonymous']
    v['KernelPageSize'] = v['MMUPageSize'] = 4
    v['AnonHugePages'] = 0
    if v['Pss'] == v['Rss']:
        v.update(Shared_Clean=0, Shared_Dirty=0, Private_Clean=v['Rss'] - anon, Private_Dirty=anon)
    else:
        v.update(Shared_Clean=v['Rss'] - anon, Shared_Dirty=0, Private_Clean=0, Private_Dirty=anon)
    prefix = '%08x-%08x %s %s %s %s ' % (startv, end, perms, offset, dev, inode)
    if name:
        pad = 72 - len(prefix)
        line = prefix + (' ' * pad if 0 < pad < 32 else '') + ' ' + name
    else:
        line = prefix
    out.append(line)
    for k in keys:
        if k == 'THPeligible':
            out.append('THPeligible:    %d' % v[k])
        else:
            out.append('%-16s%8d kB' % (k + ':', v[k]))
    flags = [f for f, c in (('rd', 'r'), ('wr', 'w'), ('ex', 'x')) if c in perms]
    if name == '[vsyscall]':
        flags = ['ex']
    else:
        flags += ['mr', 'mw', 'me']
        if name == '[stack]':
            flags += ['gd', 'ac']
        elif not name.startswith('/') or 'w' in perms and offset == '00000000' and not name:
            flags += ['ac'] if 'w' in perms else []
        if name in ('[vvar]', '[vdso]'):
            flags += ['de', 'dd'] if name == '[vvar]' else []
        flags += ['sd']
    out.append('VmFlags: ' + ''.join(f + ' ' for f in flags))
open(sys.argv[1], 'w', encoding='latin-1').write('\n'.join(out) + '\n')
open(sys.argv[2], 'w', encoding='latin-1').write('\n'.join(expected) + '\n')
print(len(lines[i + 2:j]), 'mappings')
