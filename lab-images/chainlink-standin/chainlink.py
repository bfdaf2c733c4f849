#!/usr/bin/env python3
"""A stand-in for the Chainlink node (v2.x) for Steward's tests and `steward demo`.

It does what Steward touches, the way Chainlink does it; each behaviour names the Chainlink source
file (github.com/smartcontractkit/chainlink) or document it follows. It is NOT Chainlink: no jobs,
no keys, no chain. What it does: the command line, config.toml/secrets.toml (and CL_* env) with
Chainlink's validation messages, the RootDir mode, the lease row in the real PostgreSQL before
anything else, the version record and downgrade refusal, the 204 /health during the pre-migration
phase, /health and /readyz on 6688 only while holding the lease, JSON logs, prompt exit on SIGTERM.

GET /metrics: on the same web server as /health (core/web/router.go registers Prometheus' promhttp handler
there), so only while the node holds the lease; Prometheus text format 0.0.4. Its families are a few of the
real node's: `version{version,commit}` 1, `uptime_seconds` and `health{service_id}` (1 passing, 0 failing,
for each check /health reports), as the Go package promhealth registers them (version and uptime_seconds are counters), and client_golang's
`process_start_time_seconds`. The real node serves hundreds more (Go runtime, pipelines, EVM clients).

Stand-in only: STANDIN_UPGRADE_SECONDS (default 5) is how long "migrations" take when this version
is newer than the database's, so the 204 phase can be observed. STANDIN_FAIL_AFTER_MIGRATION=1 (baked
into a test release by `bin/build-standins --fails-after-migration VERSION`) makes `node start` crash
(exit 2, as a Go panic, the lease not released) right after it has taken the lease and migrated the
database (node_versions records its version), before it serves: a release that migrates, then fails.
"""
import datetime, hashlib, ipaddress, json, os, random, re, signal, ssl, subprocess, sys, threading
import time, tomllib, urllib.parse, urllib.request, uuid
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

VERSION = 'unset'  # replaced at image build time, as static.Version is set by ldflags in the real binary
SHA = 'standin'

# ---------------------------------------------------------------- configuration (core/config/toml/types.go)
ANY = object()
DEFAULTS = {  # docs/CONFIG.md defaults for what the stand-in reads
    'RootDir': '~/.chainlink', 'ShutdownGracePeriod': '5s',
    'Database': {'DefaultIdleInTxSessionTimeout': '1h', 'DefaultLockTimeout': '15s', 'DefaultQueryTimeout': '10s',
                 'LogQueries': False, 'MaxIdleConns': 10, 'MaxOpenConns': 100, 'MigrateOnStartup': True,
                 'Backup': {'Dir': '', 'Frequency': '1h', 'Mode': 'none', 'OnVersionUpgrade': True},
                 'Listener': {'MaxReconnectDuration': '10m', 'MinReconnectInterval': '1m', 'FallbackPollInterval': '30s'},
                 'Lock': {'Enabled': True, 'LeaseDuration': '10s', 'LeaseRefreshInterval': '1s'}},
    'Log': {'Level': 'info', 'JSONConsole': False, 'UnixTS': False,
            'File': {'Dir': '', 'MaxSize': '5.12gb', 'MaxAgeDays': 0, 'MaxBackups': 1}},
    'WebServer': {'AuthenticationMethod': 'local', 'AllowOrigins': 'http://localhost:3000,http://localhost:6688',
                  'HTTPWriteTimeout': '10s', 'HTTPPort': 6688, 'SecureCookies': True, 'SessionTimeout': '15m',
                  'StartTimeout': '15s', 'ListenIP': '0.0.0.0',
                  'TLS': {'CertPath': '', 'ForceRedirect': False, 'Host': '', 'HTTPSPort': 6689, 'KeyPath': '',
                          'ListenIP': '0.0.0.0'}},
}
KNOWN_TOP = ['InsecureFastScrypt', 'RootDir', 'ShutdownGracePeriod', 'Feature', 'TelemetryIngress', 'AuditLogger',
             'JobPipeline', 'FluxMonitor', 'OCR2', 'OCR', 'P2P', 'Keeper', 'AutoPprof', 'Pyroscope', 'Sentry',
             'Insecure', 'Tracing', 'Mercury', 'Capabilities', 'Telemetry', 'Workflows', 'CRE', 'Billing',
             'BridgeStatusReporter', 'Solana', 'Starknet', 'Cosmos', 'Aptos', 'Tron']
SCHEMA = {k: ANY for k in KNOWN_TOP}
SCHEMA.update({k: {kk: (ANY if isinstance(vv, dict) else None) for kk, vv in v.items()} if isinstance(v, dict) else None
               for k, v in DEFAULTS.items()})
SCHEMA['Database'].update(Backup=dict.fromkeys(DEFAULTS['Database']['Backup']),
                          Listener=dict.fromkeys(DEFAULTS['Database']['Listener']),
                          Lock=dict.fromkeys(DEFAULTS['Database']['Lock']))
SCHEMA['Log']['File'] = dict.fromkeys(DEFAULTS['Log']['File'])
SCHEMA['WebServer'].update(dict.fromkeys(['BridgeResponseURL', 'BridgeCacheTTL', 'SessionReaperExpiration',
                                          'HTTPMaxSize']),
                           TLS=dict.fromkeys(DEFAULTS['WebServer']['TLS']), LDAP=ANY, MFA=ANY, RateLimit=ANY)
SCHEMA['EVM'] = [ANY]  # EVM keys are too many to list; only EVM.Nodes is checked strictly
EVM_NODE_KEYS = ['Name', 'WSURL', 'HTTPURL', 'HTTPURLExtraWrite', 'SendOnly', 'Order', 'IsLoadBalancedRPC']
SECRETS_SCHEMA = {'Database': dict.fromkeys(['URL', 'BackupURL', 'AllowSimplePasswords']),
                  'Password': dict.fromkeys(['Keystore', 'VRF']), 'WebServer': ANY, 'Pyroscope': ANY,
                  'Prometheus': ANY, 'Mercury': ANY, 'Threshold': ANY, 'EVM': ANY, 'Telemetry': ANY, 'CRE': ANY}


class Fatal(Exception):
    pass


def undecoded(doc, schema, prefix=''):
    """Keys Chainlink's strict TOML decoding rejects (core/config/toml: DisallowUnknownFields)."""
    if schema is ANY:
        return []
    out = []
    for key, val in doc.items():
        name = prefix + key
        if key not in schema:
            out.append(name)
        elif isinstance(schema[key], list):
            for i, item in enumerate(val if isinstance(val, list) else []):
                out += undecoded(item, schema[key][0], f'{name}.{i}.')
                for j, node in enumerate(item.get('Nodes', []) if key == 'EVM' else []):
                    out += undecoded(node, dict.fromkeys(EVM_NODE_KEYS), f'{name}.{i}.Nodes.{j}.')
        elif isinstance(schema[key], dict) and isinstance(val, dict):
            out += undecoded(val, schema[key], name + '.')
    return out


def merge(base, extra, secrets, prefix=''):
    for key, val in extra.items():
        if isinstance(val, dict) and isinstance(base.get(key), dict):
            merge(base[key], val, secrets, prefix + key + '.')
        elif secrets and key in base:  # secrets may not be set twice (types.go validateMerge: ErrOverride)
            raise Fatal(f'failed to merge secrets: {prefix}{key}: cannot override existing value')
        else:
            base[key] = val
    return base


def load(paths, kind, env_toml=None):
    doc = {}
    for path in paths:
        try:
            with open(path, 'rb') as f:
                part = tomllib.load(f)
        except (OSError, tomllib.TOMLDecodeError) as e:
            raise Fatal(f'failed to decode {kind} TOML: {path}: {e}')
        bad = undecoded(part, SECRETS_SCHEMA if kind == 'secrets' else SCHEMA)
        if bad:
            raise Fatal(f'failed to decode {kind} TOML: {path}: strict mode: fields in the document are missing '
                        f'in the target struct: {", ".join(bad)}')
        merge(doc, part, kind == 'secrets')
    if env_toml:
        merge(doc, tomllib.loads(env_toml), kind == 'secrets')
    return doc


def effective(doc, defaults=DEFAULTS):
    out = {}
    for key, val in defaults.items():
        out[key] = effective(doc.get(key, {}), val) if isinstance(val, dict) else doc.get(key, val)
    for key, val in doc.items():
        out.setdefault(key, val)
    return out


def toml_value(v):
    if isinstance(v, bool):
        return 'true' if v else 'false'
    if isinstance(v, (int, float)):
        return repr(v)
    if isinstance(v, list):
        return '[' + ', '.join(toml_value(x) for x in v) + ']'
    s = str(v)
    return f"'{s}'" if "'" not in s and '\n' not in s else json.dumps(s)


def to_toml(doc, prefix=''):
    lines = [f'{k} = {toml_value(v)}' for k, v in doc.items() if not isinstance(v, dict)
             and not (isinstance(v, list) and v and isinstance(v[0], dict))]
    for k, v in doc.items():
        if isinstance(v, dict):
            lines += ['', f'[{prefix}{k}]', to_toml(v, f'{prefix}{k}.')]
        elif isinstance(v, list) and v and isinstance(v[0], dict):
            for item in v:
                lines += ['', f'[[{prefix}{k}]]', to_toml(item, f'{prefix}{k}.')]
    return '\n'.join(lines).strip('\n')


def redacted(doc):
    return {k: redacted(v) if isinstance(v, dict) else 'xxxxx' for k, v in doc.items()}


def duration(text):
    """Go's time.ParseDuration for what config files use: 10s, 1m30s, 500ms, 1h."""
    parts = re.findall(r'([0-9.]+)(ms|us|µs|ns|h|m|s)', str(text))
    if not parts or ''.join(a + b for a, b in parts) != str(text):
        raise Fatal(f'invalid duration {text!r}')
    unit = {'h': 3600, 'm': 60, 's': 1, 'ms': 1e-3, 'us': 1e-6, 'µs': 1e-6, 'ns': 1e-9}
    return sum(float(a) * unit[b] for a, b in parts)


# core/utils/password.go. The code checks the minimum and the whitespace; the 50-character maximum is
# the documented requirement (PasswordComplexityRequirements) and is enforced here as documented.
PASSWORD_REQUIREMENTS = ('\nMust have a length of 16-50 characters\nMust not comprise:\n\tLeading or trailing '
                         'whitespace (note that a trailing newline in the password file, if present, will be '
                         'ignored)\n')


def password_faults(pw, *disallowed):
    faults = []
    if pw != pw.strip():
        faults.append('password contains a leading or trailing whitespace')
    if len(pw) < 16:
        faults.append('password is less than 16 characters long')
    if len(pw) > 50:
        faults.append('password is more than 50 characters long')
    faults += [f'password may not contain: "{s}"' for s in disallowed if s and s.lower() in pw.lower()]
    if not faults:
        return None
    return ('\nExpected password complexity:\nMust be at least 16 characters long\nMust not comprise:\n\tLeading '
            'or trailing whitespace\n\tA user\'s API email\n\nFaults:\n' + ''.join(f'\t{f}\n' for f in faults))


def multierr(errors):
    if len(errors) == 1:
        return errors[0]
    return f'{len(errors)} errors:' + ''.join(f'\n\t- {e}' for e in errors)


def validate(cfg, sec):
    """GeneralConfig.Validate: core/config/toml/types.go (DatabaseSecrets.validateConfig, validateDBURL,
    Passwords.ValidateConfig, DatabaseLock.ValidateConfig) and core/chains/evm/config/toml (nodes)."""
    errs, serrs = [], []
    db = sec.get('Database', {})
    url = db.get('URL', '')
    if not url:
        serrs.append('Database.URL: empty: must be provided and non-empty')
    else:
        u = urllib.parse.urlsplit(url)
        if u.scheme not in ('postgres', 'postgresql'):
            serrs.append(f'Database.URL: invalid value (*****): unsupported scheme {u.scheme!r}: want postgresql')
        elif not db.get('AllowSimplePasswords') and '_test' not in url:
            pw = urllib.parse.parse_qs(u.query).get('password', [None])[0] or \
                (urllib.parse.unquote(u.password) if u.password is not None else None)
            fault = ('DB URL must be authenticated; plaintext URLs are not allowed' if u.username is None else
                     'DB URL must be authenticated; password is required') if pw is None else password_faults(pw)
            if fault:
                serrs.append('Database.URL: invalid value (*****): missing or insufficiently complex password: '
                             f'{fault}. Database should be secured by a password matching the following '
                             f'complexity requirements: {PASSWORD_REQUIREMENTS}')
    if not sec.get('Password', {}).get('Keystore'):
        serrs.append('Password.Keystore: empty: must be provided and non-empty')
    lock = cfg['Database']['Lock']
    if duration(lock['LeaseRefreshInterval']) > duration(lock['LeaseDuration']) / 2:
        errs.append(f"Database.Lock.LeaseRefreshInterval: invalid value ({lock['LeaseRefreshInterval']}): must be "
                    f"less than or equal to half of LeaseDuration ({lock['LeaseDuration']})")
    if cfg['Database']['Backup']['Mode'] not in ('none', 'lite', 'full'):
        errs.append(f"Database.Backup.Mode: invalid value ({cfg['Database']['Backup']['Mode']}): "
                    "must be one of none, lite, full")
    for key in ('ListenIP',):
        try:
            ipaddress.ip_address(cfg['WebServer'][key])
        except ValueError:
            errs.append(f"WebServer.{key}: invalid value ({cfg['WebServer'][key]}): not an IP address")
    for i, chain in enumerate(cfg.get('EVM', [])):
        if 'ChainID' not in chain:
            errs.append(f'EVM.{i}.ChainID: missing: required for all chains')
        for j, node in enumerate(chain.get('Nodes', [])):
            for key in ('Name', 'HTTPURL'):
                if not node.get(key):
                    errs.append(f'EVM.{i}.Nodes.{j}.{key}: missing: required for all nodes')
            if not node.get('WSURL') and not node.get('SendOnly') and chain.get('LogBroadcasterEnabled', True):
                errs.append(f'EVM.{i}.Nodes.{j}.WSURL: missing: required for primary nodes')
    out = errs + ([f'invalid secrets: {multierr(serrs)}'] if serrs else [])
    return multierr(out) if out else None


def configure(opts):
    cfg = load(opts['config'], 'config', os.environ.get('CL_CONFIG'))
    sec = load(opts['secrets'], 'secrets')
    # core/config/env/env.go: each secret has an environment form, which takes precedence over the file.
    for var, (table, key) in {'CL_DATABASE_URL': ('Database', 'URL'), 'CL_DATABASE_BACKUP_URL': ('Database', 'BackupURL'),
                              'CL_PASSWORD_KEYSTORE': ('Password', 'Keystore'), 'CL_PASSWORD_VRF': ('Password', 'VRF')}.items():
        if os.environ.get(var):
            sec.setdefault(table, {})[key] = os.environ[var]
    if opts.get('password'):  # legacy `node start -p FILE` (core/utils/password.go PasswordFromFile)
        sec.setdefault('Password', {})['Keystore'] = open(opts['password']).read().removesuffix('\n')
    return cfg, effective(cfg), sec


# ---------------------------------------------------------------- logging (core/logger)
class Log:
    LEVELS = ['debug', 'info', 'warn', 'error', 'crit', 'panic', 'fatal']

    def __init__(self, cfg):
        self.json, self.unix = cfg['Log']['JSONConsole'], cfg['Log']['UnixTS']
        self.min = self.LEVELS.index(cfg['Log']['Level']) if cfg['Log']['Level'] in self.LEVELS else 1
        self.lock = threading.Lock()

    def __call__(self, level, msg, logger='', **fields):
        if self.LEVELS.index(level) < self.min:
            return
        now = time.time()
        ts = now if self.unix else datetime.datetime.fromtimestamp(now, datetime.timezone.utc) \
            .isoformat(timespec='milliseconds').replace('+00:00', 'Z')
        if self.json:
            line = json.dumps({'level': level, 'ts': ts, 'logger': logger, 'caller': 'standin/chainlink.py',
                               'msg': msg, 'version': f'{VERSION}@{SHA}', **fields})
        else:
            extra = ' '.join(f'{k}={v}' for k, v in fields.items())
            line = f'{ts} [{level.upper():5}] {msg} {logger} {extra}'.rstrip()
        with self.lock:
            print(line, file=sys.stderr, flush=True)


def redact_url(url):  # Go's url.URL.Redacted()
    u = urllib.parse.urlsplit(url)
    if u.password is None:
        return url
    return u._replace(netloc=u.netloc.replace(':' + u.password + '@', ':xxxxx@', 1)).geturl()


# ---------------------------------------------------------------- semver (Masterminds/semver, as versioning/orm.go)
def semver(text):
    m = re.fullmatch(r'v?(\d+)(?:\.(\d+))?(?:\.(\d+))?(?:-([0-9A-Za-z.-]+))?(?:\+[0-9A-Za-z.-]+)?', text or '')
    if not m:
        return None
    pre = [(0, int(p), '') if p.isdigit() else (1, 0, p) for p in m.group(4).split('.')] if m.group(4) else None
    return tuple(int(g or 0) for g in m.groups()[:3]) + ((1,) if pre is None else (0, pre),)


# ---------------------------------------------------------------- the node
class Node:
    def __init__(self, opts):
        self.opts = opts
        self.stop = threading.Event()
        self.client_id = uuid.uuid4()
        self.holding = False
        self.checks = {}

    def connect(self):
        import psycopg2
        conn = psycopg2.connect(self.sec['Database']['URL'], connect_timeout=10, application_name='chainlink')
        conn.autocommit = True
        return conn

    # core/services/pg/lease_lock.go: a row in lease_lock, taken BEFORE migrations, refreshed each interval.
    def get_lease(self, conn, initial):
        with conn:  # one transaction, as sqlutil.TransactConn
            with conn.cursor() as cur:
                if initial:
                    cur.execute('CREATE TABLE IF NOT EXISTS lease_lock (client_id uuid NOT NULL, expires_at timestamptz NOT NULL)')
                    cur.execute('CREATE UNIQUE INDEX IF NOT EXISTS only_one_lease_lock ON lease_lock ((client_id IS NOT NULL))')
                cur.execute("""INSERT INTO lease_lock (client_id, expires_at) VALUES (%s, NOW()+%s::interval)
                    ON CONFLICT ((client_id IS NOT NULL)) DO UPDATE SET client_id = EXCLUDED.client_id,
                    expires_at = EXCLUDED.expires_at WHERE lease_lock.client_id = %s OR lease_lock.expires_at < NOW()""",
                            (str(self.client_id), f'{self.lease_duration:f} seconds', str(self.client_id)))
                return cur.rowcount > 0

    def lease_conn(self):
        conn = self.connect()
        conn.autocommit = False
        with conn, conn.cursor() as cur:  # setInitialTimeouts
            ms = int(self.lease_duration * 1000)
            cur.execute(f'SET SESSION lock_timeout = {ms}')
            cur.execute(f'SET SESSION idle_in_transaction_session_timeout = {ms}')
        return conn

    def take_and_hold(self):
        self.log('debug', 'Taking initial lease...', 'LeaseLock', appID=str(self.client_id))
        self.lconn, initial, count = self.lease_conn(), True, 0
        while not self.get_lease(self.lconn, initial):
            initial = False
            if count % 1000 == 0 or (count < 1000 and count & (count - 1) == 0):
                self.log('info', 'Another application is currently holding the database lease (or a previous '
                         'instance exited uncleanly), waiting for lease to expire...', 'LeaseLock', tryCount=count)
            count += 1
            if self.stop.wait(self.lease_refresh * random.uniform(0.9, 1.1)):
                raise Fatal('opening db: failed to get lease lock: stopped')
        self.log('debug', 'Got exclusive lease on database', 'LeaseLock', appID=str(self.client_id))
        self.holding = True
        threading.Thread(target=self.hold, daemon=True).start()

    def hold(self):
        while not self.stop.wait(self.lease_refresh):
            try:
                if self.lconn is None:
                    self.lconn = self.lease_conn()
                got = self.get_lease(self.lconn, False)
            except Exception as e:  # noqa: BLE001 - as the Go loop: log and retry on the next tick
                self.log('error', 'Error trying to refresh database lease', 'LeaseLock', err=str(e).strip())
                self.lconn = None
                continue
            if not got and not self.stop.is_set():
                self.log('fatal', 'Another node has taken the lease, exiting immediately', 'LeaseLock')
                os._exit(1)

    def release(self):
        if self.holding:
            try:
                with self.lconn, self.lconn.cursor() as cur:
                    cur.execute('UPDATE lease_lock SET expires_at=NOW() WHERE client_id = %s AND expires_at > NOW()',
                                (str(self.client_id),))
            except Exception as e:  # noqa: BLE001
                self.log('warn', 'Error trying to release lease on cancelled ctx', 'LeaseLock', err=str(e).strip())

    # core/services/versioning/orm.go CheckVersion and UpsertNodeVersion; core/cmd/shell.go handleNodeVersioning
    def check_version(self, cur):
        cur.execute("SELECT to_regclass('node_versions') IS NOT NULL")
        if not cur.fetchone()[0]:
            return None
        cur.execute('SELECT version FROM node_versions ORDER BY created_at DESC LIMIT 1 FOR UPDATE')
        row = cur.fetchone()
        dbv = row and row[0]
        if row is None or semver(dbv) is None:
            return None
        if semver(VERSION) is None:
            raise Fatal(f'Application version "{VERSION}" is not valid semver')
        if semver(dbv) > semver(VERSION):
            raise Fatal(f'fatal error instantiating application: CheckVersion: Application version ({VERSION}) is lower '
                        f'than database version ({dbv}). Only Chainlink {dbv} or higher can be run on this database')
        return dbv

    def handle_versioning(self):
        # StartUpHealthReport (core/services/health.go): /health answers 204 with no body on ":<HTTPPort>"
        # (every interface: the real one ignores WebServer.ListenIP here) while versioning, backup and
        # migrations run.
        startup = self.serve('', self.cfg['WebServer']['HTTPPort'], StartupHandler, quiet=True)
        try:
            conn = self.db
            with conn.cursor() as cur:
                dbv = self.check_version(cur)
            upgrade = dbv is not None and semver(VERSION) > semver(dbv)
            backup = self.cfg['Database']['Backup']
            if upgrade and backup['Mode'] != 'none' and backup['OnVersionUpgrade']:
                self.log('info', f'Upgrade detected: application version {VERSION} is newer than database version '
                         f'{dbv}, taking automatic DB backup. To skip automatic database backup before version '
                         'upgrades, set Database.Backup.OnVersionUpgrade=false. To disable backups entirely set '
                         'Database.Backup.Mode=none.')
                self.run_backup(backup)
            if self.cfg['Database']['MigrateOnStartup']:
                self.log('info', 'Migrating database', 'Migrate', fromVersion=dbv or 'none', toVersion=VERSION)
                if upgrade and self.stop.wait(float(os.environ.get('STANDIN_UPGRADE_SECONDS', '5'))):
                    raise Fatal('fatal error instantiating application: initializeORM#Migrate: context canceled')
                with conn.cursor() as cur:
                    for sql in MIGRATIONS:
                        cur.execute(sql)
            conn.autocommit = False
            with conn, conn.cursor() as cur:
                self.check_version(cur)
                cur.execute("""INSERT INTO node_versions (version, created_at) VALUES (%s, NOW())
                    ON CONFLICT ((version IS NOT NULL)) DO UPDATE SET version = EXCLUDED.version,
                    created_at = EXCLUDED.created_at""", (VERSION,))
            conn.autocommit = True
        finally:
            startup.shutdown()
            startup.server_close()

    def run_backup(self, backup):  # core/services/periodicbackup/backup.go: pg_dump -F c to cl_backup_<v>.dump
        outdir = backup['Dir'] or os.path.join(self.root, 'backup')
        os.makedirs(outdir, exist_ok=True)
        url = self.sec['Database'].get('BackupURL') or self.sec['Database']['URL']
        tmp, final = os.path.join(outdir, f'cl_backup_tmp_{os.getpid()}'), os.path.join(outdir, f'cl_backup_{VERSION}.dump')
        args = [url, '-f', tmp, '-F', 'c'] + (['--exclude-table-data=pipeline_runs', '--exclude-table-data=pipeline_task_runs']
                                              if backup['Mode'] == 'lite' else [])
        started = time.time()
        done = subprocess.run(['pg_dump'] + args, capture_output=True, text=True)
        if done.returncode:
            self.log('crit', 'Backup failed', 'DatabaseBackup', err=f'pg_dump failed with output: {done.stderr.strip()}')
            raise Fatal(f'fatal error instantiating application: pg_dump failed with output: {done.stderr.strip()}')
        os.replace(tmp, final)
        self.log('info', 'Backup completed successfully.', 'DatabaseBackup', duration=f'{time.time() - started:.3f}s',
                 fileSize=os.path.getsize(final), filePath=final)

    # core/cmd/key_store_authenticator.go: the password's strength is enforced only for an empty key store.
    def authenticate_keystore(self):
        pw = self.sec['Password']['Keystore']
        with self.db.cursor() as cur:
            cur.execute('SELECT encrypted_keys FROM encrypted_key_rings LIMIT 1')
            row = cur.fetchone()
            if row is None:
                fault = password_faults(pw)
                if fault:
                    raise Fatal(f'fatal error instantiating application: error authenticating keystore: {fault}')
                salt = os.urandom(16).hex()
                ring = {'standin': {'salt': salt, 'hash': hashlib.pbkdf2_hmac('sha256', pw.encode(), bytes.fromhex(salt), 100000).hex()}}
                cur.execute('INSERT INTO encrypted_key_rings (encrypted_keys, updated_at) VALUES (%s, NOW())', (json.dumps(ring),))
            else:
                ring = row[0]['standin']
                if hashlib.pbkdf2_hmac('sha256', pw.encode(), bytes.fromhex(ring['salt']), 100000).hex() != ring['hash']:
                    raise Fatal('fatal error instantiating application: error authenticating keystore: '
                                'could not unlock keystore: wrong password (stand-in wording)')

    # core/cmd/shell_local.go: the API user comes from the -a file, which only matters on a fresh database.
    def api_user(self):
        with self.db.cursor() as cur:
            cur.execute('SELECT email FROM users ORDER BY created_at LIMIT 1')
            row = cur.fetchone()
            if row:
                return row[0]
            path = self.opts.get('api')
            if not path or not os.path.exists(path):
                raise Fatal('API credentials must be supplied')
            lines = open(path).read().splitlines()
            if len(lines) < 2:
                raise Fatal('error creating api initializer: malformed API credentials file')
            email, pw = lines[0].strip(), lines[1]
            fault = password_faults(pw, email)
            if fault:
                raise Fatal(f'error creating api initializer: {fault}')
            cur.execute("INSERT INTO users (email, hashed_password, role, created_at, updated_at) VALUES (%s, %s, 'admin', NOW(), NOW())",
                        (email, hashlib.sha256(pw.encode()).hexdigest()))
            return email

    def ensure_root(self):  # core/utils/files.go EnsureDirAndMaxPerms(RootDir, 0700), core/cmd/shell_local.go
        root, op = self.root, 'mkdir'
        try:
            if not os.path.exists(root):
                os.makedirs(root, 0o700)
            elif not os.path.isdir(root):
                raise NotADirectoryError(20, 'not a directory')
            elif os.stat(root).st_mode & 0o077:  # too permissive: narrowed, which only its owner may do
                op = 'chmod'
                os.chmod(root, os.stat(root).st_mode & 0o700)
        except OSError as e:  # worded as Go's *PathError
            raise Fatal(f'failed to create root directory "{root}": {op} {root}: {(e.strerror or str(e)).lower()}')

    def serve(self, ip, port, handler, cert=None, key=None, quiet=False):
        cls = type('Server', (ThreadingHTTPServer,), {'address_family': 10 if ':' in ip else 2, 'daemon_threads': True})
        server = cls((ip, port), handler)
        server.node = self
        if cert:
            ctx = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
            ctx.load_cert_chain(cert, key)
            server.socket = ctx.wrap_socket(server.socket, server_side=True)
        if not quiet:
            self.log('info', f'Listening and serving HTTP{"S" if cert else ""} on {ip}:{port}', ip=ip, port=port)
        threading.Thread(target=server.serve_forever, daemon=True).start()
        return server

    def run_server(self, ip, port, tls=None):  # tryRunServerUntilCancelled: retry every StartTimeout
        while not self.stop.is_set():
            try:
                if tls is not None and not (tls['CertPath'] and tls['KeyPath']):
                    raise OSError('open : no such file or directory')
                self.servers.append(self.serve(ip, port, NodeHandler, *((tls['CertPath'], tls['KeyPath']) if tls else ())))
                return
            except OSError as e:
                note = (' (NOTE: you can disable TLS server completely and silence these errors by setting '
                        'WebServer.TLS.HTTPSPort=0 in your config)') if tls is not None else ''
                self.log('crit', f'Error starting server: failed to run {"TLS" if tls else "plaintext HTTP"} server{note}: {e}')
                self.stop.wait(duration(self.cfg['WebServer']['StartTimeout']))

    def health(self):
        while True:
            checks = {}
            try:
                with self.db.cursor() as cur:
                    cur.execute('SELECT 1')
                checks['Database'] = None
            except Exception as e:  # noqa: BLE001
                checks['Database'] = str(e).strip()
            for chain in self.cfg.get('EVM', []):
                for node in chain.get('Nodes', []) if chain.get('Enabled', True) else []:
                    checks[f"EVM.{chain.get('ChainID')}.Node.{node.get('Name')}"] = rpc_check(node.get('HTTPURL'), chain.get('ChainID'))
            self.checks = checks
            if self.stop.wait(5):
                return

    def start(self):
        try:
            _, self.cfg, self.sec = configure(self.opts)
        except Fatal as e:
            print(e, file=sys.stderr)
            return 1
        self.log = Log(self.cfg)
        err = validate(self.cfg, self.sec)
        if err:
            self.log('error', f'config validation failed: {err}')
            return 1
        self.log('info', f'Starting Chainlink Node {VERSION} at commit {SHA}', 'RunNode', Version=VERSION, SHA=SHA)
        self.root = os.path.expanduser(self.cfg['RootDir'])
        lock = self.cfg['Database']['Lock']
        self.lease_duration, self.lease_refresh = duration(lock['LeaseDuration']), duration(lock['LeaseRefreshInterval'])
        self.servers = []
        def on_signal(number, _frame):  # core/cmd/shell_local.go: shutdown.HandleShutdown
            name = {signal.SIGTERM: 'terminated', signal.SIGINT: 'interrupt'}[number]
            self.log('info', f'Shutting down due to {name} signal received...', 'RunNode')
            self.stop.set()
        for sig in (signal.SIGTERM, signal.SIGINT):
            signal.signal(sig, on_signal)
        try:
            self.ensure_root()
            try:
                self.db = self.connect()
            except Exception as e:  # noqa: BLE001
                raise Fatal(f'opening db: failed to open db: {str(e).strip()}')
            self.log('info', f'Connected to database {redact_url(self.sec["Database"]["URL"])}')
            if lock['Enabled']:
                self.take_and_hold()
            self.handle_versioning()
            if os.environ.get('STANDIN_FAIL_AFTER_MIGRATION') == '1':  # stand-in only: see the docstring
                self.log('panic', f'stand-in fault: {VERSION} migrated the database, then crashes', 'RunNode')
                os._exit(2)
            self.authenticate_keystore()
            try:
                secret = os.path.join(self.root, 'secret')  # chainlink.FilePersistedSecretGenerator
                if not os.path.exists(secret):
                    fd = os.open(secret, os.O_WRONLY | os.O_CREAT, 0o600)
                    os.write(fd, os.urandom(32).hex().encode())
                    os.close(fd)
            except OSError as e:
                raise Fatal(f'fatal error instantiating application: {e}')
            self.log('info', f'API exposed for user {self.api_user()}', 'RunNode')
            threading.Thread(target=self.health, daemon=True).start()
            ws = self.cfg['WebServer']
            if not ws['HTTPPort'] and not ws['TLS']['HTTPSPort']:
                raise Fatal('You must specify at least one port to listen on')
            self.log('info', f'Chainlink booted in {time.time() - STARTED:.2f}s', 'RunNode', appID=str(self.client_id))
            if ws['HTTPPort']:
                threading.Thread(target=self.run_server, args=(ws['ListenIP'], ws['HTTPPort']), daemon=True).start()
            if ws['TLS']['HTTPSPort']:
                threading.Thread(target=self.run_server, args=(ws['TLS']['ListenIP'], ws['TLS']['HTTPSPort'], ws['TLS']), daemon=True).start()
            self.stop.wait()
            for server in self.servers:
                server.shutdown()
            return 0
        except Fatal as e:
            self.log('crit' if not self.stop.is_set() else 'info', str(e))
            return 1
        finally:
            self.release()


MIGRATIONS = [  # core/store/migrate/migrations 0018, 0078 (node_versions) and what else the stand-in keeps
    'CREATE TABLE IF NOT EXISTS node_versions (version TEXT PRIMARY KEY, created_at timestamp without time zone NOT NULL)',
    'CREATE UNIQUE INDEX IF NOT EXISTS idx_only_one_node_version ON node_versions ((version IS NOT NULL))',
    'CREATE TABLE IF NOT EXISTS encrypted_key_rings (encrypted_keys jsonb, updated_at timestamptz NOT NULL)',
    'CREATE TABLE IF NOT EXISTS users (email text PRIMARY KEY, hashed_password text, role text, created_at timestamptz NOT NULL, updated_at timestamptz NOT NULL)',
]


def rpc_check(url, chain_id):
    try:
        req = urllib.request.Request(url, json.dumps({'jsonrpc': '2.0', 'id': 1, 'method': 'eth_chainId', 'params': []}).encode(),
                                     {'Content-Type': 'application/json'})
        got = int(json.load(urllib.request.urlopen(req, timeout=3))['result'], 16)
        return None if str(got) == str(chain_id) else f'chain ID mismatch: node reports {got}, config says {chain_id}'
    except Exception as e:  # noqa: BLE001
        return f'RPC unreachable: {e}'


class StartupHandler(BaseHTTPRequestHandler):
    def do_GET(self):
        if self.path.split('?')[0] == '/health':
            self.send_response(204)
            self.end_headers()
        else:
            self.send_error(404)

    def log_message(self, *args):
        pass


def metrics(checks):
    """The /metrics page: Prometheus text format 0.0.4, as promhttp writes it (HELP, TYPE, samples)."""
    def label(value):
        return str(value).replace('\\', '\\\\').replace('"', '\\"').replace('\n', '\\n')
    families = [
        ('health', 'gauge', 'Health status by service',
         [(f'{{service_id="{label(name)}"}}', 1 if err is None else 0) for name, err in sorted(checks.items())]),
        ('process_start_time_seconds', 'gauge', 'Start time of the process since unix epoch in seconds.',
         [('', f'{STARTED:.9e}')]),
        ('uptime_seconds', 'counter', 'Uptime of the application measured in seconds', [('', f'{time.time() - STARTED:.3f}')]),
        ('version', 'counter', 'Application version information', [(f'{{commit="{label(SHA)}",version="{label(VERSION)}"}}', 1)]),
    ]
    lines = []
    for name, kind, help_text, samples in families:
        lines += [f'# HELP {name} {help_text}', f'# TYPE {name} {kind}']
        lines += [f'{name}{labels} {value}' for labels, value in samples]
    return '\n'.join(lines) + '\n'


class NodeHandler(BaseHTTPRequestHandler):  # core/web/health_controller.go; /metrics: core/web/router.go
    def do_GET(self):
        path, _, query = self.path.partition('?')
        checks = self.server.node.checks
        ok = all(v is None for v in checks.values())
        body = b''
        if path == '/health' or (path == '/readyz' and 'full' in urllib.parse.parse_qs(query, keep_blank_values=True)):
            body = json.dumps({'data': [{'type': 'checks', 'id': name, 'attributes': {
                'name': name, 'status': 'passing' if err is None else 'failing', 'output': err or ''}}
                for name, err in sorted(checks.items())]}).encode()
        elif path == '/readyz':
            pass
        elif path == '/metrics':
            body = metrics(checks).encode()
            self.send_response(200)
            self.send_header('Content-Type', 'text/plain; version=0.0.4; charset=utf-8')
            self.send_header('Content-Length', str(len(body)))
            self.end_headers()
            self.wfile.write(body)
            return
        elif path == '/':
            ok, body = True, b'<!doctype html><title>Chainlink</title><p>Operator UI (stand-in)</p>'
        else:
            self.send_response(401 if path.startswith('/v2/') else 404)
            self.end_headers()
            return
        self.send_response(200 if ok else 503)
        self.send_header('Content-Type', 'application/json' if body.startswith(b'{') else 'text/html')
        self.send_header('Content-Length', str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args):
        pass


def do_validate(opts):  # core/cmd/shell_local.go ConfigFileValidate
    try:
        cfg_in, cfg, sec = configure(opts)
    except Fatal as e:
        print(e, file=sys.stderr)
        return 1
    print('# Secrets:\n' + to_toml(redacted(sec)) + '\n')
    print('# Input Configuration:\n' + to_toml(cfg_in) + '\n')
    print('# Effective Configuration, with defaults applied:\n' + to_toml(cfg) + '\n')
    err = validate(cfg, sec)
    if err:
        print('Invalid configuration:', err)
        print()
        print('invalid configuration', file=sys.stderr)
        return 1
    print('Valid configuration.')
    return 0


USAGE = """NAME:
   chainlink - CLI for Chainlink (Steward's stand-in)

USAGE:
   chainlink [global options] node [-config FILE]... [-secrets FILE]... start [-a API_FILE] | validate

GLOBAL OPTIONS:
   --version, -v  print the version"""


def main(argv):
    if not argv or argv[0] in ('help', '-h', '--help'):
        print(USAGE)
        return 0
    if argv[0] in ('--version', '-v'):
        print(f'chainlink version {VERSION}@{SHA}')  # urfave/cli: "<name> version <Version>", Version "<v>@<sha>"
        return 0
    if argv[0] not in ('node', 'local', 'n'):
        print(f'No help topic for \'{argv[0]}\'', file=sys.stderr)
        return 3
    opts, rest, args = {'config': [], 'secrets': []}, [], argv[1:]
    names = {'-config': 'config', '--config': 'config', '-c': 'config', '-secrets': 'secrets', '--secrets': 'secrets',
             '-s': 'secrets', '-a': 'api', '--api': 'api', '-api': 'api', '-p': 'password', '--password': 'password'}
    while args:
        arg = args.pop(0)
        name, eq, value = arg.partition('=')
        if name in names:
            value = value if eq else (args.pop(0) if args else '')
            if names[name] in ('config', 'secrets'):
                opts[names[name]].append(value)
            else:
                opts[names[name]] = value
        else:
            rest.append(arg)
    command = rest[0] if rest else ('start' if argv[0] == 'local' else '')
    if command in ('start', 'node', 's'):
        return Node(opts).start()
    if command == 'validate':
        return do_validate(opts)
    print(USAGE)
    return 0


STARTED = time.time()
if __name__ == '__main__':
    sys.exit(main(sys.argv[1:]))
