# Sourced by scripts/bench-ps (PROGRAMS=1): starts real multi-process programs, each that is installed, so that the
# machine looks like one where people ask "where did my memory go" (issue 20 measured smem on 100 processes of
# chromium, firefox, postgres, nginx, python...), and stops them again. Everything lives under one directory (the
# caller's, removed by the caller), each program in a session of its own: programs_stop finds every process it
# started by its session, by its parent (PostgreSQL's, each of which starts a session of its own) or by a command
# line that names that directory (chromium's crash handler, re-parented to init), and nothing else.
#
#   programs_start DIR    starts what it can, waits until each is up, prints one line per program
#   programs_stop         stops them all; safe to call twice, and before or during programs_start
#
# The programs: PostgreSQL (the newest /usr/lib/postgresql/*/bin, as user postgres, no TCP, three client
# connections held open), nginx (4 workers, a Unix socket), redis-server (a Unix socket, 200,000 keys), chromium
# (headless, 4 pages of different origins), node (cluster of 4 workers of 16 MiB each) and python3 (a
# multiprocessing pool of 4 workers of 16 MiB each). Install the missing ones to come closer to the issue's machine:
# apt-get install -y nginx redis-server chromium postgresql nodejs python3.

programs_dir=""
# The sessions started (setsid), the processes whose children are in sessions of their own (PostgreSQL's server:
# each of its processes calls setsid), and what must be stopped by its own means first.
programs_sessions=()
programs_parents=()
programs_pg_data=""
programs_pg_bin=""

# Waits up to $1 tenths of a second for the command after it to succeed.
programs_wait() {
    local tenths=$1
    shift
    while ((tenths-- > 0)); do
        "$@" >/dev/null 2>&1 && return 0
        sleep 0.1
    done
    return 1
}

# The PIDs of every process started: in one of the sessions, a parent recorded or its child, or one whose command
# line names our directory (chromium's crashpad handler starts a session of its own).
programs_session_pids() {
    [[ -n $programs_dir ]] || return 0
    local sids=" ${programs_sessions[*]} " parents=" ${programs_parents[*]} "
    ps -e -o pid=,ppid=,sid=,args= | while read -r pid ppid sid args; do
        if [[ $sids == *" $sid "* || $parents == *" $pid "* || $parents == *" $ppid "* \
                || $args == *"$programs_dir/"* ]]; then
            echo "$pid"
        fi
    done
    return 0
}

# Starts "$@" in a session of its own, output to $programs_dir/NAME.log; sets $programs_last to its PID (= the
# session's id).
programs_spawn() {
    local name=$1
    shift
    setsid "$@" </dev/null >"$programs_dir/$name.log" 2>&1 &
    programs_last=$!
    programs_sessions+=("$programs_last")
}

# The number of processes in session $1.
programs_count() {
    ps -e -o sid= | awk -v s="$1" '$1 == s' | wc -l
}

# The number of children of process $1.
programs_children() {
    ps -e -o ppid= | awk -v p="$1" '$1 == p' | wc -l
}

programs_children_at_least() {
    (($(programs_children "$1") >= $2))
}

# Whether session $1 has at least $2 processes.
programs_at_least() {
    (($(programs_count "$1") >= $2))
}

# Waits up to 20 s for the program just spawned as NAME ($1) to write "ready" to its log, then says how many processes
# its session has, as LABEL ($2), or that it did not start.
programs_when_ready() {
    local name=$1 label=$2 session=$programs_last
    if programs_wait 200 grep -q '^ready' "$programs_dir/$name.log"; then
        echo "  $label: $(programs_count "$session") processes"
    else
        echo "  $name: did not start ($(tail -1 "$programs_dir/$name.log"))"
    fi
}

programs_start_postgres() {
    local bin
    bin=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1)
    [[ -n $bin && -x $bin/initdb && -x $bin/pg_ctl ]] || { echo "  postgresql: not installed"; return 0; }
    id postgres >/dev/null 2>&1 || { echo "  postgresql: no user 'postgres'"; return 0; }
    local dir=$programs_dir/postgres
    mkdir -p "$dir" && chown postgres: "$dir"
    if ! runuser -u postgres -- "$bin/initdb" -D "$dir/data" -A trust --no-sync -E UTF8 >"$dir/initdb.log" 2>&1; then
        echo "  postgresql: initdb failed ($(grep -m1 -i 'error\|fatal' "$dir/initdb.log"))"
        return 0
    fi
    programs_pg_bin=$bin programs_pg_data=$dir/data
    # pg_ctl starts the server in a session of its own, which is then recorded from its pid file.
    if ! runuser -u postgres -- "$bin/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w -t 30 \
            -o "-c listen_addresses='' -c unix_socket_directories='$dir' -c fsync=off" start >/dev/null 2>&1; then
        echo "  postgresql: did not start ($(tail -1 "$dir/server.log"))"
        return 0
    fi
    local postmaster
    postmaster=$(head -1 "$dir/data/postmaster.pid")
    programs_parents+=("$postmaster")
    # A table of 200,000 rows (shared buffers in use), and three idle client connections (a backend each), as a
    # server has.
    runuser -u postgres -- psql -q -h "$dir" -d postgres \
        -c "create table t as select g, md5(g::text) from generate_series(1, 200000) g; select count(*) from t" \
        >/dev/null 2>&1 || :
    local i
    for i in 1 2 3; do
        mkfifo "$dir/client$i"
        programs_spawn "postgres-client$i" runuser -u postgres -- psql -q -h "$dir" -d postgres -f "$dir/client$i"
        # The fifo held open for writing by a sleeper: psql waits on it until the sleeper is stopped.
        setsid sh -c "exec sleep 100000 >'$dir/client$i'" </dev/null >/dev/null 2>&1 &
        programs_sessions+=("$!")
    done
    # Up when the server has a backend for each client (and its five others).
    programs_wait 100 programs_children_at_least "$postmaster" 8 || :
    echo "  postgresql ($bin): $(($(programs_children "$postmaster") + 1)) processes, 3 of them for idle clients" \
        "(and 3 psql)"
}

programs_start_nginx() {
    command -v nginx >/dev/null || { echo "  nginx: not installed"; return 0; }
    local dir=$programs_dir/nginx
    mkdir -p "$dir/tmp"
    cat >"$dir/nginx.conf" <<EOF
daemon off;
worker_processes 4;
pid $dir/nginx.pid;
error_log $dir/error.log;
events { worker_connections 64; }
http {
    access_log off;
    client_body_temp_path $dir/tmp/body;
    proxy_temp_path $dir/tmp/proxy;
    fastcgi_temp_path $dir/tmp/fastcgi;
    uwsgi_temp_path $dir/tmp/uwsgi;
    scgi_temp_path $dir/tmp/scgi;
    server { listen unix:$dir/nginx.sock; location / { return 200 "up\n"; } }
}
EOF
    programs_spawn nginx nginx -e "$dir/error.log" -p "$dir" -c "$dir/nginx.conf"
    local session=$programs_last
    if programs_wait 100 test -S "$dir/nginx.sock" && programs_wait 50 programs_at_least "$session" 5; then
        echo "  nginx: $(programs_count "$session") processes"
    else
        echo "  nginx: did not start ($(tail -1 "$programs_dir/nginx.log"))"
    fi
}

programs_start_redis() {
    command -v redis-server >/dev/null || { echo "  redis-server: not installed"; return 0; }
    local dir=$programs_dir/redis
    mkdir -p "$dir"
    programs_spawn redis redis-server --port 0 --unixsocket "$dir/redis.sock" --save '' --appendonly no \
        --dir "$dir" --daemonize no
    local session=$programs_last
    if ! programs_wait 100 test -S "$dir/redis.sock"; then
        echo "  redis-server: did not start ($(tail -1 "$programs_dir/redis.log"))"
        return 0
    fi
    # 200,000 keys, so that it holds some memory.
    if command -v redis-cli >/dev/null; then
        awk 'BEGIN { for (i = 0; i < 200000; i++) printf "SET key:%d value-%d-abcdefghijklmnopqrstuvwxyz\n", i, i }' |
            redis-cli -s "$dir/redis.sock" --pipe >/dev/null 2>&1 || :
    fi
    echo "  redis-server: $(programs_count "$session") process"
}

programs_start_chromium() {
    local chromium
    chromium=$(command -v chromium || command -v chromium-browser || command -v google-chrome || :)
    [[ -n $chromium ]] || { echo "  chromium: not installed"; return 0; }
    local dir=$programs_dir/chromium
    mkdir -p "$dir/tmp"
    # Four pages of different origins (data: URLs are each an opaque origin): a renderer each. Its files go under
    # our directory: temporary ones (the singleton socket's), and the crash handler's (under HOME).
    mkdir -p "$dir/home"
    programs_spawn chromium env TMPDIR="$dir/tmp" HOME="$dir/home" "$chromium" --headless=new --no-sandbox --disable-gpu --no-first-run \
        --no-default-browser-check --user-data-dir="$dir/profile" --remote-debugging-port=0 \
        'data:text/html,<h1>one</h1>'
    local session=$programs_last
    if ! programs_wait 300 grep -q 'DevTools listening on ws://' "$programs_dir/chromium.log"; then
        echo "  chromium: did not start ($(tail -1 "$programs_dir/chromium.log"))"
        return 0
    fi
    local port i
    port=$(sed -n 's|.*DevTools listening on ws://[^:]*:\([0-9]*\)/.*|\1|p' "$programs_dir/chromium.log" | head -1)
    for i in two three four; do
        curl -s -X PUT "http://127.0.0.1:$port/json/new?data:text/html,<h1>$i</h1><script>let a=[];for(let j=0;j<200000;j++)a.push({j})</script>" \
            >/dev/null 2>&1 || :
    done
    # Up when its number of processes has stopped growing for a second.
    local before=-1 now
    for i in $(seq 30); do
        now=$(programs_count "$session")
        [[ $now == "$before" ]] && break
        before=$now
        sleep 1
    done
    echo "  chromium: $(programs_count "$session") processes"
}

programs_start_node() {
    command -v node >/dev/null || { echo "  node: not installed"; return 0; }
    # A file, not node -e: cluster's workers run the primary's script.
    cat >"$programs_dir/cluster.js" <<'EOF'
const cluster = require("cluster");
if (cluster.isPrimary) {
    let up = 0;
    for (let i = 0; i < 4; i++) cluster.fork().on("message", () => { if (++up === 4) console.log("ready"); });
} else {
    globalThis.kept = Buffer.alloc(16 << 20, 1);
    process.send("up");
    setInterval(() => {}, 1 << 30);
}
EOF
    programs_spawn node node "$programs_dir/cluster.js"
    programs_when_ready node "node (cluster)"
}

programs_start_python() {
    local python=/usr/bin/python3
    [[ -x $python ]] || python=$(command -v python3 || :)
    [[ -n $python ]] || { echo "  python3: not installed"; return 0; }
    programs_spawn python "$python" -c '
import multiprocessing, time
def work(_):
    global kept
    kept = bytearray(b"x" * (16 << 20))
    time.sleep(1 << 20)
if __name__ == "__main__":
    pool = multiprocessing.Pool(4)
    for i in range(4):
        pool.apply_async(work, (i,))
    time.sleep(1)
    print("ready", flush=True)
    time.sleep(1 << 20)'
    programs_when_ready python "python3 (multiprocessing)"
}

programs_start() {
    programs_dir=$1
    echo "starting real programs (what is installed) under $programs_dir:"
    programs_start_postgres
    programs_start_nginx
    programs_start_redis
    programs_start_chromium
    programs_start_node
    programs_start_python
}

programs_stop() {
    if [[ -n $programs_pg_data ]]; then
        runuser -u postgres -- "$programs_pg_bin/pg_ctl" -D "$programs_pg_data" -m fast -w -t 20 stop \
            >/dev/null 2>&1 || :
        programs_pg_data=""
    fi
    local pids pid
    pids=$(programs_session_pids)
    [[ -z $pids ]] && return 0
    # shellcheck disable=SC2086 # a list of PIDs
    kill -TERM $pids 2>/dev/null || :
    for _ in $(seq 50); do
        pids=$(programs_session_pids)
        [[ -z $pids ]] && break
        sleep 0.1
    done
    if [[ -n $pids ]]; then
        # shellcheck disable=SC2086
        kill -KILL $pids 2>/dev/null || :
        sleep 0.2
    fi
    pids=$(programs_session_pids)
    if [[ -n $pids ]]; then
        # shellcheck disable=SC2086
        echo "real-programs: these processes would not stop: $(echo $pids)" >&2
    fi
    programs_sessions=()
    programs_parents=()
    programs_dir=""
    # The background jobs of this shell (setsid, sleepers) are reaped.
    wait 2>/dev/null || :
}
