# Writes the fixtures of lineinfile, blockinfile, replace, stat, slurp, fetch, get_url, uri, wait_for and
# reboot (base64 and checksums computed here, so the data files stay exact). Run: python3 gen.py
import base64, hashlib, json, os

ROOT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "resources", "module-fixtures")

def q(v):
    return json.dumps(v, ensure_ascii=False)

def y(v, indent=0):
    """YAML in flow/JSON style, one key per line at the top level."""
    return q(v)

def write(module, name, desc, args, probes=(), applies=(), expect=None, check=False, context=None):
    d = os.path.join(ROOT, module)
    os.makedirs(d, exist_ok=True)
    lines = ["description: " + q(desc), "module: " + module, "args: " + q(args)]
    if check:
        lines.append("check_mode: true")
    if context:
        lines.append("context: " + q(context))
    if probes:
        lines.append("probes:")
        lines += ["  - " + q(p) for p in probes]
    if applies:
        lines.append("applies:")
        lines += ["  - " + q(a) for a in applies]
    lines.append("expect: " + q(expect))
    with open(os.path.join(d, name + ".yml"), "w") as f:
        f.write("\n".join(lines) + "\n")

def sha(b):
    return hashlib.sha256(b.encode() if isinstance(b, str) else b).hexdigest()

def file_probe(path, content, mode="644", owner="root", group="root"):
    out = "type=file\nmode=%s\nowner=%s\ngroup=%s\nsha256=%s\nparent=yes\ncontent=%s\n" % (
        mode, owner, group, sha(content), base64.b64encode(content.encode()).decode())
    return {"command_contains": "p='%s'; if [ -L" % path, "stdout": out}

def absent_probe(path):
    return {"command_contains": "p='%s'; if [ -L" % path, "stdout": "type=absent\nparent=yes\n"}

def write_apply(path, content):
    return {"command_contains": "mv -f -- \"$t\" '%s'" % path, "stdin": content}

# ---------------------------------------------------------------- lineinfile
P = "/etc/ssh/sshd_config"
base = "Port 22\n#PermitRootLogin yes\nPasswordAuthentication yes\n"
write("lineinfile", "regexp-replaces-last-match", "the last line regexp matches is replaced; the file is read once and written atomically",
      {"path": P, "regexp": "^#?PermitRootLogin", "line": "PermitRootLogin no"},
      [file_probe(P, base)], [write_apply(P, "Port 22\nPermitRootLogin no\nPasswordAuthentication yes\n")],
      {"status": "changed", "certain": True, "message_contains": "update /etc/ssh/sshd_config: line replaced"})
write("lineinfile", "already-present", "the line is there: nothing is written",
      {"path": P, "regexp": "^#?PermitRootLogin", "line": "#PermitRootLogin yes"},
      [file_probe(P, base)], [], {"status": "ok"})
write("lineinfile", "exact-line-present-regexp-unmatched", "regexp matches nothing, but the exact line is there: unchanged (Ansible's rule)",
      {"path": P, "regexp": "^Nope", "line": "Port 22"}, [file_probe(P, base)], [], {"status": "ok"})
write("lineinfile", "append-without-trailing-newline", "appended at the end; a last line without a newline gets one first",
      {"path": "/etc/hosts", "line": "10.0.0.5 db"},
      [file_probe("/etc/hosts", "127.0.0.1 localhost")],
      [write_apply("/etc/hosts", "127.0.0.1 localhost\n10.0.0.5 db\n")],
      {"status": "changed", "message_contains": "line added"})
write("lineinfile", "insertafter-regex", "inserted after the last line insertafter matches",
      {"path": P, "line": "MaxAuthTries 3", "insertafter": "^Port"},
      [file_probe(P, base)], [write_apply(P, "Port 22\nMaxAuthTries 3\n#PermitRootLogin yes\nPasswordAuthentication yes\n")],
      {"status": "changed", "message_contains": "line added"})
write("lineinfile", "insertafter-already-there", "the line after the insertafter match is already the line: unchanged",
      {"path": P, "line": "#PermitRootLogin yes", "insertafter": "^Port"}, [file_probe(P, base)], [], {"status": "ok"})
write("lineinfile", "insertbefore-bof", "insertbefore: BOF puts the line first",
      {"path": P, "line": "# managed by steward", "insertbefore": "BOF"},
      [file_probe(P, base)], [write_apply(P, "# managed by steward\n" + base)], {"status": "changed"})
write("lineinfile", "insertbefore-regex-unmatched-appends", "insertbefore matching nothing appends at the end",
      {"path": P, "line": "UseDNS no", "insertbefore": "^Match"},
      [file_probe(P, base)], [write_apply(P, base + "UseDNS no\n")], {"status": "changed"})
write("lineinfile", "backrefs", "backrefs fills \\1 from the regexp's match",
      {"path": "/etc/default/grub", "regexp": "^(GRUB_CMDLINE_LINUX=\")(.*)\"$", "line": "\\1\\2 quiet\"", "backrefs": True},
      [file_probe("/etc/default/grub", "GRUB_TIMEOUT=5\nGRUB_CMDLINE_LINUX=\"console=ttyS0\"\n")],
      [write_apply("/etc/default/grub", "GRUB_TIMEOUT=5\nGRUB_CMDLINE_LINUX=\"console=ttyS0 quiet\"\n")],
      {"status": "changed", "message_contains": "line replaced"})
write("lineinfile", "backrefs-no-match", "backrefs and no match: the file is left alone (nothing to fill the references from)",
      {"path": P, "regexp": "^(Foo) (.*)$", "line": "\\1 bar", "backrefs": True}, [file_probe(P, base)], [], {"status": "ok"})
write("lineinfile", "absent-removes-every-match", "state: absent removes every matching line",
      {"path": "/etc/hosts", "regexp": "\\bold\\b", "state": "absent"},
      [file_probe("/etc/hosts", "1.1.1.1 old\n127.0.0.1 localhost\n2.2.2.2 old\n")],
      [write_apply("/etc/hosts", "127.0.0.1 localhost\n")], {"status": "changed", "message_contains": "2 line(s) removed"})
write("lineinfile", "absent-nothing-matches", "state: absent, no line matches: unchanged",
      {"path": "/etc/hosts", "line": "9.9.9.9 gone", "state": "absent"},
      [file_probe("/etc/hosts", "127.0.0.1 localhost\n")], [], {"status": "ok"})
write("lineinfile", "absent-file-missing", "state: absent on a file that does not exist: unchanged",
      {"path": "/etc/nothing", "line": "x", "state": "absent"}, [absent_probe("/etc/nothing")], [], {"status": "ok"})
write("lineinfile", "missing-file-fails", "a missing file without create: a clear failure",
      {"path": "/etc/nothing", "line": "x"}, [absent_probe("/etc/nothing")], [],
      {"status": "failed", "message_contains": "/etc/nothing does not exist; set create: true"})
write("lineinfile", "create-with-mode", "create: true makes the file with the line and the mode asked",
      {"path": "/etc/app.env", "line": "A=1", "create": True, "mode": "0600"}, [absent_probe("/etc/app.env")],
      [{"command": "set -e; [ -d '/etc' ] || { echo 'the folder of /etc/app.env does not exist; create it first with a file task (state: directory)' >&2; exit 1; }; t=$(mktemp '/etc/.steward.XXXXXX'); trap 'rm -f -- \"$t\"' EXIT; cat > \"$t\"; chmod 0600 -- \"$t\"; mv -f -- \"$t\" '/etc/app.env'; trap - EXIT",
        "stdin": "A=1\n"}],
      {"status": "changed", "message_contains": "create /etc/app.env: line added"})
write("lineinfile", "check-mode", "check mode reports the edit and writes nothing",
      {"path": P, "regexp": "^PasswordAuthentication", "line": "PasswordAuthentication no"},
      [file_probe(P, base)], [], {"status": "changed", "certain": True, "message_contains": "line replaced"}, check=True)
write("lineinfile", "mode-only-differs", "the line is there but the mode differs: only chmod",
      {"path": P, "line": "Port 22", "mode": "0600"}, [file_probe(P, base)],
      [{"command": "chmod 0600 -- '/etc/ssh/sshd_config'"}], {"status": "changed", "message_contains": "mode 0644 → 0600"})
write("lineinfile", "bad-regexp", "an invalid regular expression fails before the host is asked",
      {"path": P, "regexp": "^(Port", "line": "Port 2222"}, [], [],
      {"status": "failed", "message_contains": "'regexp' is not a valid regular expression"})
write("lineinfile", "present-needs-line", "state: present without line fails",
      {"path": P, "regexp": "^Port"}, [], [], {"status": "failed", "message_contains": "'line' is required"})
write("lineinfile", "path-is-directory", "a directory cannot be edited",
      {"path": "/etc", "line": "x"}, [{"command_contains": "p='/etc'; if [ -L", "stdout": "type=directory\nmode=755\nowner=root\ngroup=root\nparent=yes\n"}], [],
      {"status": "failed", "message_contains": "/etc is a directory, not a file"})

# ---------------------------------------------------------------- blockinfile
F = "/etc/ssh/sshd_config"
blk = "Match User backup\n  ForceCommand internal-sftp"
with_block = base + "# BEGIN STEWARD MANAGED BLOCK\nMatch User backup\n  ForceCommand internal-sftp\n# END STEWARD MANAGED BLOCK\n"
write("blockinfile", "insert-at-end", "a new block goes at the end between the default markers",
      {"path": F, "block": blk}, [file_probe(F, base)], [write_apply(F, with_block)],
      {"status": "changed", "message_contains": "block inserted"})
write("blockinfile", "same-block", "the block is there as asked: unchanged",
      {"path": F, "block": blk + "\n"}, [file_probe(F, with_block)], [], {"status": "ok"})
write("blockinfile", "replace-block", "the lines between the markers are replaced as a whole",
      {"path": F, "block": "Match User ops\n  X11Forwarding no"}, [file_probe(F, with_block)],
      [write_apply(F, base + "# BEGIN STEWARD MANAGED BLOCK\nMatch User ops\n  X11Forwarding no\n# END STEWARD MANAGED BLOCK\n")],
      {"status": "changed"})
write("blockinfile", "absent-removes", "state: absent removes the block and its markers",
      {"path": F, "state": "absent"}, [file_probe(F, with_block)], [write_apply(F, base)],
      {"status": "changed", "message_contains": "block removed"})
write("blockinfile", "absent-not-there", "state: absent without the markers: unchanged",
      {"path": F, "state": "absent"}, [file_probe(F, base)], [], {"status": "ok"})
write("blockinfile", "insertafter-custom-marker", "a custom marker with {mark}, inserted after the last line matching insertafter",
      {"path": "/etc/hosts", "block": "10.0.0.1 a\n10.0.0.2 b", "marker": "## {mark} cluster", "insertafter": "^127"},
      [file_probe("/etc/hosts", "127.0.0.1 localhost\n::1 localhost\n")],
      [write_apply("/etc/hosts", "127.0.0.1 localhost\n## BEGIN cluster\n10.0.0.1 a\n10.0.0.2 b\n## END cluster\n::1 localhost\n")],
      {"status": "changed"})
write("blockinfile", "insertbefore-bof", "insertbefore: BOF puts the block first",
      {"path": "/etc/hosts", "block": "# hello", "insertbefore": "BOF"},
      [file_probe("/etc/hosts", "127.0.0.1 localhost\n")],
      [write_apply("/etc/hosts", "# BEGIN STEWARD MANAGED BLOCK\n# hello\n# END STEWARD MANAGED BLOCK\n127.0.0.1 localhost\n")],
      {"status": "changed"})
write("blockinfile", "check-mode", "check mode reports the block and writes nothing",
      {"path": F, "block": blk}, [file_probe(F, base)], [], {"status": "changed", "message_contains": "block inserted"}, check=True)
write("blockinfile", "missing-file-fails", "a missing file without create fails",
      {"path": "/etc/none", "block": "x"}, [absent_probe("/etc/none")], [],
      {"status": "failed", "message_contains": "does not exist; set create: true"})
write("blockinfile", "create", "create: true makes the file with the block",
      {"path": "/etc/none", "block": "x", "create": True}, [absent_probe("/etc/none")],
      [write_apply("/etc/none", "# BEGIN STEWARD MANAGED BLOCK\nx\n# END STEWARD MANAGED BLOCK\n")],
      {"status": "changed", "message_contains": "create /etc/none"})
write("blockinfile", "marker-without-mark", "a marker without {mark} would make both markers the same: refused",
      {"path": F, "block": "x", "marker": "# steward"}, [], [], {"status": "failed", "message_contains": "put {mark} in the marker"})

# ---------------------------------------------------------------- replace
conf = "listen 80;\nserver_name old.example;\n# old.example stays in comments? no\nlisten 8080;\n"
write("replace", "every-match-with-group", "every match is replaced; \\1 inserts a group; ^ and $ match at each line",
      {"path": "/etc/nginx/site", "regexp": "^listen (\\d+);$", "replace": "listen [::]:\\1;"},
      [file_probe("/etc/nginx/site", conf)],
      [write_apply("/etc/nginx/site", "listen [::]:80;\nserver_name old.example;\n# old.example stays in comments? no\nlisten [::]:8080;\n")],
      {"status": "changed", "message_contains": "2 replacements"})
write("replace", "no-match", "nothing matches: unchanged",
      {"path": "/etc/nginx/site", "regexp": "^nothing$", "replace": "x"}, [file_probe("/etc/nginx/site", conf)], [],
      {"status": "ok", "data": {"replacements": 0}})
write("replace", "after-and-before", "only the section after 'after' and before 'before' is touched",
      {"path": "/etc/app.ini", "regexp": "enabled = \\w+", "replace": "enabled = true", "after": "\\[b\\]", "before": "\\[c\\]"},
      [file_probe("/etc/app.ini", "[a]\nenabled = no\n[b]\nenabled = no\n[c]\nenabled = no\n")],
      [write_apply("/etc/app.ini", "[a]\nenabled = no\n[b]\nenabled = true\n[c]\nenabled = no\n")],
      {"status": "changed", "message_contains": "1 replacement"})
write("replace", "named-group-and-dollar", "Python's (?P<name>) and \\g<name>; a $ in replace is literal",
      {"path": "/etc/app.env", "regexp": "^PRICE=(?P<n>\\d+)$", "replace": "PRICE=$\\g<n>"},
      [file_probe("/etc/app.env", "PRICE=5\n")], [write_apply("/etc/app.env", "PRICE=$5\n")], {"status": "changed"})
write("replace", "check-mode", "check mode reports and writes nothing",
      {"path": "/etc/nginx/site", "regexp": "old\\.example", "replace": "new.example"},
      [file_probe("/etc/nginx/site", conf)], [], {"status": "changed", "message_contains": "2 replacements"}, check=True)
write("replace", "missing-file-fails", "a missing file fails",
      {"path": "/etc/none", "regexp": "a"}, [absent_probe("/etc/none")], [],
      {"status": "failed", "message_contains": "/etc/none does not exist"})

# ---------------------------------------------------------------- stat
S = "p='/etc/passwd'; if [ -e"
write("stat", "regular-file", "a file: type, mode, owner, size, mtime and its SHA-256; never a change",
      {"path": "/etc/passwd"},
      [{"command_contains": S, "stdout": "type=regular file\nmode=644\nuid=0\ngid=0\nowner=root\ngroup=root\nsize=1234\nmtime=1700000000\nsha256=abc\n"}],
      [], {"status": "ok", "data": {"stat": {"exists": True, "path": "/etc/passwd", "isdir": False, "isreg": True, "islnk": False,
                                              "mode": "0644", "uid": 0, "gid": 0, "owner": "root", "pw_name": "root",
                                              "group": "root", "gr_name": "root", "size": 1234, "mtime": 1700000000,
                                              "checksum": "abc"}}})
write("stat", "absent", "a missing path: exists false",
      {"path": "/nope"}, [{"command_contains": "p='/nope'; if [ -e", "stdout": "type=absent\n"}], [],
      {"status": "ok", "data": {"stat": {"exists": False, "path": "/nope"}}})
write("stat", "directory-no-checksum", "a directory; get_checksum: false asks for none",
      {"path": "/etc", "get_checksum": False},
      [{"command_contains": "p='/etc'; if [ -e \"$p\" ] || [ -L \"$p\" ]; then stat --printf", "stdout": "type=directory\nmode=755\nuid=0\ngid=0\nowner=root\ngroup=root\nsize=4096\nmtime=1\n"}],
      [], {"status": "ok", "message_contains": "/etc is a directory"})
write("stat", "link", "a link (not followed): islnk and its target",
      {"path": "/opt/current"},
      [{"command_contains": "p='/opt/current'", "stdout": "type=symbolic link\nmode=777\nuid=0\ngid=0\nowner=root\ngroup=root\nsize=8\nmtime=1\ntarget=/opt/app\n"}],
      [], {"status": "ok"})
write("stat", "follow", "follow: true stats what the link points to (stat -L)",
      {"path": "/opt/current", "follow": True},
      [{"command_contains": "stat -L --printf", "stdout": "type=directory\nmode=750\nuid=1000\ngid=1000\nowner=steward\ngroup=steward\nsize=4096\nmtime=1\n"}],
      [], {"status": "ok"})
write("stat", "fails", "a path that cannot be inspected (permission) fails with stderr",
      {"path": "/root/x"}, [{"command_contains": "p='/root/x'", "rc": 1, "stderr": "stat: cannot statx '/root/x': Permission denied"}], [],
      {"status": "failed", "message_contains": "Permission denied"})

# ---------------------------------------------------------------- slurp
write("slurp", "text", "base64 content, and content_text when UTF-8",
      {"src": "/etc/hostname"}, [{"command_contains": "base64 -w0 -- '/etc/hostname'", "stdout": base64.b64encode(b"lab1\n").decode()}],
      [], {"status": "ok", "data": {"content": base64.b64encode(b"lab1\n").decode(), "encoding": "base64", "content_text": "lab1\n", "source": "/etc/hostname"}})
write("slurp", "binary", "binary content: base64 only",
      {"path": "/bin/x"}, [{"command_contains": "base64 -w0 -- '/bin/x'", "stdout": base64.b64encode(b"\xff\xfe\x00").decode()}],
      [], {"status": "ok", "data": {"content": base64.b64encode(b"\xff\xfe\x00").decode()}})
write("slurp", "missing", "a missing file fails clearly",
      {"src": "/nope"}, [{"command_contains": "base64 -w0 -- '/nope'", "rc": 2, "stderr": "file not found"}], [],
      {"status": "failed", "message_contains": "cannot read /nope: file not found"})

# ---------------------------------------------------------------- fetch
body = "secret=1\n"
FP = {"command_contains": "p='/etc/app.conf'; if [ -d", "stdout": "type=file\nsha256=%s\n" % sha(body)}
write("fetch", "new", "fetched into dest/HOST/path on the controller",
      {"src": "/etc/app.conf", "dest": "backup"}, [FP],
      [{"command": "base64 -w0 -- '/etc/app.conf'", "stdout": base64.b64encode(body.encode()).decode()}],
      {"status": "changed", "data": {"checksum": sha(body)}, "controller_files": {"backup/fixture-host/etc/app.conf": body}})
write("fetch", "same-checksum", "the controller's copy has the checksum: unchanged, nothing transferred",
      {"src": "/etc/app.conf", "dest": "backup"}, [FP], [],
      {"status": "ok"}, context={"controller": {"backup/fixture-host/etc/app.conf": body}})
write("fetch", "flat-replaces-different", "flat: true writes dest itself; a different copy is replaced",
      {"src": "/etc/app.conf", "dest": "out/app.conf", "flat": True}, [FP],
      [{"command": "base64 -w0 -- '/etc/app.conf'", "stdout": base64.b64encode(body.encode()).decode()}],
      {"status": "changed", "controller_files": {"out/app.conf": body}}, context={"controller": {"out/app.conf": "old\n"}})
write("fetch", "flat-folder", "flat with dest ending in / keeps the file's name",
      {"src": "/etc/app.conf", "dest": "out/", "flat": True}, [FP],
      [{"command": "base64 -w0 -- '/etc/app.conf'", "stdout": base64.b64encode(body.encode()).decode()}],
      {"status": "changed", "controller_files": {"out/app.conf": body}})
write("fetch", "check-mode", "check mode: reported, nothing written on the controller",
      {"src": "/etc/app.conf", "dest": "backup"}, [FP], [],
      {"status": "changed", "controller_files": {"backup/fixture-host/etc/app.conf": None}}, check=True)
write("fetch", "changed-in-flight", "what arrived does not have the probed checksum: failed, nothing written",
      {"src": "/etc/app.conf", "dest": "backup"}, [FP],
      [{"command": "base64 -w0 -- '/etc/app.conf'", "stdout": base64.b64encode(b"other\n").decode()}],
      {"status": "failed", "message_contains": "changed while being fetched", "controller_files": {"backup/fixture-host/etc/app.conf": None}})
write("fetch", "missing-fails", "a missing source fails by default",
      {"src": "/etc/none", "dest": "backup"}, [{"command_contains": "p='/etc/none'", "stdout": "type=absent\n"}], [],
      {"status": "failed", "message_contains": "/etc/none does not exist on the host"})
write("fetch", "missing-ignored", "fail_on_missing: false: ok, nothing fetched",
      {"src": "/etc/none", "dest": "backup", "fail_on_missing": False}, [{"command_contains": "p='/etc/none'", "stdout": "type=absent\n"}], [],
      {"status": "ok", "message_contains": "nothing fetched"})

# ---------------------------------------------------------------- get_url
U = "http://10.0.0.2:8080/tool.tar.gz"
D = "/opt/tool.tar.gz"
H = "a" * 64
def fstate(path, s, mode="644"):
    return {"command_contains": "p='%s'; if [ -L" % path, "stdout": "type=file\nmode=%s\nowner=root\ngroup=root\nsha256=%s\nparent=yes\n" % (mode, s)}
dl = ("set -e; [ -d '/opt' ] || { echo 'the folder of /opt/tool.tar.gz does not exist; create it first with a file task (state: directory)' >&2; exit 1; }; "
      "t=$(mktemp '/opt/.steward.XXXXXX'); trap 'rm -f -- \"$t\"' EXIT; curl --silent --show-error --max-time 10 --fail --location -K - -o \"$t\"; "
      "s=$(sha256sum < \"$t\"); s=${s%% *}; ")
write("get_url", "new-with-checksum", "the host downloads into a temporary file beside dest, verifies the checksum, renames; URL on curl's stdin",
      {"url": U, "dest": D, "checksum": "sha256:" + H, "mode": "0640"}, [absent_probe(D)],
      [{"command": dl + "[ \"$s\" = " + H + " ] || { echo \"checksum mismatch: expected sha256:" + H + ", downloaded sha256:$s\" >&2; exit 1; }; echo \"sha256=$s\"; chmod 0640 -- \"$t\"; mv -f -- \"$t\" '/opt/tool.tar.gz'; trap - EXIT",
        "stdin": "url = \"%s\"\n" % U, "stdout": "sha256=%s\n" % H}],
      {"status": "changed", "certain": True, "data": {"dest": D, "checksum_dest": H}})
write("get_url", "checksum-matches", "the file already has the checksum: unchanged, nothing downloaded",
      {"url": U, "dest": D, "checksum": "sha256:" + H.upper()}, [fstate(D, H)], [], {"status": "ok", "message_contains": "not downloaded"})
write("get_url", "exists-no-force", "without checksum an existing file is kept (force: false)",
      {"url": U, "dest": D}, [fstate(D, "b" * 64)], [], {"status": "ok"})
write("get_url", "checksum-matches-mode-differs", "the checksum matches but the mode differs: only chmod",
      {"url": U, "dest": D, "checksum": "sha256:" + H, "mode": "0600"}, [fstate(D, H)],
      [{"command": "chmod 0600 -- '/opt/tool.tar.gz'"}], {"status": "changed"})
write("get_url", "force-same-content", "force: true downloads; the same bytes as there: ok, the temporary file removed",
      {"url": U, "dest": D, "force": True}, [fstate(D, "b" * 64)],
      [{"command_contains": "if [ \"$(sha256sum < '/opt/tool.tar.gz' | cut -d' ' -f1)\" = \"$s\" ]; then echo same; exit 0; fi; chmod 0644 -- \"$t\"; chown -h 'root':'root' -- \"$t\"; mv -f",
        "stdin": "url = \"%s\"\n" % U, "stdout": "sha256=%s\nsame\n" % ("b" * 64)}],
      {"status": "ok", "certain": False, "message_contains": "the same as the file there"})
write("get_url", "checksum-mismatch", "the download does not have the checksum: failed, curl's file never renamed",
      {"url": U, "dest": D, "checksum": "sha256:" + H}, [absent_probe(D)],
      [{"command_contains": "checksum mismatch", "stdin": "url = \"%s\"\n" % U, "rc": 1,
        "stderr": "checksum mismatch: expected sha256:%s, downloaded sha256:%s" % (H, "c" * 64)}],
      {"status": "failed", "message_contains": "checksum mismatch"})
write("get_url", "http-error", "a 404 fails with curl's message",
      {"url": U, "dest": D}, [absent_probe(D)],
      [{"command_contains": "curl --silent", "stdin": "url = \"%s\"\n" % U, "rc": 22, "stderr": "curl: (22) The requested URL returned error: 404"}],
      {"status": "failed", "message_contains": "returned error: 404"})
write("get_url", "headers-and-password-on-stdin", "headers and credentials go in the curl config on stdin, never on the command line; the password is not in the message",
      {"url": "https://dl.example/x.bin", "dest": "/opt/x.bin", "headers": {"Authorization": "Bearer t0ken", "X-Trace": "a\"b"},
       "url_username": "bob", "url_password": "s3cret", "timeout": 30, "validate_certs": False},
      [absent_probe("/opt/x.bin")],
      [{"command_contains": "curl --silent --show-error --max-time 30 --insecure --fail --location -K - -o \"$t\"",
        "stdin": "url = \"https://dl.example/x.bin\"\nheader = \"Authorization: Bearer t0ken\"\nheader = \"X-Trace: a\\\"b\"\nuser = \"bob:s3cret\"\n",
        "stdout": "sha256=%s\n" % H}],
      {"status": "changed"})
write("get_url", "dest-folder", "dest is a folder: the URL's file name in it",
      {"url": U, "dest": "/opt"},
      [{"command_contains": "p='/opt'; if [ -L", "stdout": "type=directory\nmode=755\nowner=root\ngroup=root\nparent=yes\n"}, fstate(D, H)],
      [], {"status": "ok", "data": {"dest": D}})
write("get_url", "check-mode", "check mode: reported, nothing downloaded",
      {"url": U, "dest": D}, [absent_probe(D)], [], {"status": "changed", "certain": True, "message_contains": "download http://10.0.0.2:8080/tool.tar.gz to /opt/tool.tar.gz"}, check=True)
write("get_url", "bad-checksum", "a checksum that is not sha256:HEX fails before anything is asked",
      {"url": U, "dest": D, "checksum": "md5:abc"}, [], [], {"status": "failed", "message_contains": "sha256:HEX"})
write("get_url", "password-in-url-redacted", "a password in the URL is not shown in messages",
      {"url": "http://bob:pw@10.0.0.2/f", "dest": "/opt/f"}, [absent_probe("/opt/f")], [],
      {"status": "changed", "message_contains": "http://bob:***@10.0.0.2/f"}, check=True)

# ---------------------------------------------------------------- uri
def uri_answer(status, ctype, body, url="http://10.0.0.2:8080/status.json"):
    return "status=%d\ncontent_type=%s\nurl=%s\ncurl_rc=0\nbody=%s\n" % (status, ctype, url, base64.b64encode(body.encode()).decode())
UU = "http://10.0.0.2:8080/status.json"
write("uri", "get-json", "a GET is a question asked while planning; JSON is parsed; ok, never changed",
      {"url": UU, "return_content": True},
      [{"command": "f=$(mktemp); trap 'rm -f -- \"$f\"' EXIT; curl --silent --show-error --max-time 30 --location -K - -o \"$f\" -w 'status=%{http_code}\\ncontent_type=%{content_type}\\nurl=%{url_effective}\\n'; rc=$?; echo \"curl_rc=$rc\"; if [ $rc -eq 0 ]; then printf 'body='; base64 -w0 < \"$f\"; echo; fi",
        "stdin": "url = \"%s\"\n" % UU, "stdout": uri_answer(200, "application/json", "{\"healthy\": true, \"n\": 3}")}],
      [], {"status": "ok", "data": {"status": 200, "json": {"healthy": True, "n": 3}, "content": "{\"healthy\": true, \"n\": 3}"}})
write("uri", "status-mismatch", "a status not expected fails, naming both",
      {"url": UU}, [{"command_contains": "curl --silent", "stdin": "url = \"%s\"\n" % UU, "stdout": uri_answer(503, "text/plain", "down")}],
      [], {"status": "failed", "message_contains": "Status code was 503 and not [200]", "data": {"status": 503, "content": "down"}})
write("uri", "status-list", "status_code may be a list",
      {"url": UU, "status_code": [200, 404]},
      [{"command_contains": "curl --silent", "stdin": "url = \"%s\"\n" % UU, "stdout": uri_answer(404, "text/html", "<p>no</p>")}],
      [], {"status": "ok", "data": {"status": 404}})
write("uri", "connection-refused", "curl cannot connect: failed with its message",
      {"url": UU}, [{"command_contains": "curl --silent", "stdin": "url = \"%s\"\n" % UU, "stdout": "status=000\ncontent_type=\nurl=%s\ncurl_rc=7\n" % UU,
                     "stderr": "curl: (7) Failed to connect to 10.0.0.2 port 8080"}],
      [], {"status": "failed", "message_contains": "Failed to connect"})
write("uri", "post-json", "a POST is sent only when applied; the body and headers ride on stdin; ok unless changed_when says so",
      {"url": "http://10.0.0.2:8080/api", "method": "POST", "body_format": "json", "body": {"name": "x", "n": 1},
       "headers": {"X-Token": "t0k"}, "status_code": 201},
      [], [{"command_contains": "curl --silent --show-error --max-time 30 -K - -o",
            "stdin": "url = \"http://10.0.0.2:8080/api\"\nheader = \"X-Token: t0k\"\nrequest = \"POST\"\nheader = \"Content-Type: application/json\"\ndata-raw = \"{\\\"name\\\":\\\"x\\\",\\\"n\\\":1}\"\n",
            "stdout": uri_answer(201, "application/json", "{\"id\": 7}", "http://10.0.0.2:8080/api")}],
      {"status": "ok", "certain": False, "data": {"status": 201, "json": {"id": 7}}})
write("uri", "post-check-mode", "check mode: a POST is reported as a possible change and not sent",
      {"url": "http://10.0.0.2:8080/api", "method": "POST", "body": "x=1"}, [], [],
      {"status": "changed", "certain": False, "message_contains": "may change: send POST http://10.0.0.2:8080/api"}, check=True)
write("uri", "form-and-basic-auth", "form-urlencoded body and basic auth, all on stdin",
      {"url": "http://h/login", "method": "PUT", "body_format": "form-urlencoded", "body": {"a": "1 2", "b": "&"},
       "url_username": "u", "url_password": "p w"},
      [], [{"command_contains": "curl", "stdin": "url = \"http://h/login\"\nuser = \"u:p w\"\nrequest = \"PUT\"\nheader = \"Content-Type: application/x-www-form-urlencoded\"\ndata-raw = \"a=1+2&b=%26\"\n",
            "stdout": uri_answer(200, "text/plain", "ok", "http://h/login")}],
      {"status": "ok"})

# ---------------------------------------------------------------- wait_for
write("wait_for", "port-started", "polls from the host with bash /dev/tcp until the port answers",
      {"port": 8080, "host": "10.0.0.2", "timeout": 20},
      [{"command": "start=$(date +%s); sleep 0; end=$(( $(date +%s) + 20 )); while :; do if timeout 5 bash -c 'exec 3<>\"/dev/tcp/$0/$1\"' '10.0.0.2' 8080 2>/dev/null; then echo \"elapsed=$(( $(date +%s) - start ))\"; exit 0; fi; if [ $(date +%s) -ge $end ]; then echo \"elapsed=$(( $(date +%s) - start ))\"; exit 124; fi; sleep 1; done",
        "stdout": "elapsed=3\n"}],
      [], {"status": "ok", "data": {"elapsed": 3, "port": 8080, "state": "started"}})
write("wait_for", "port-timeout", "a timeout names what was waited for",
      {"port": 6688, "timeout": 2, "delay": 1, "sleep": 1},
      [{"command_contains": "sleep 1; end=$(( $(date +%s) + 2 ))", "rc": 124, "stdout": "elapsed=3\n"}], [],
      {"status": "failed", "message_contains": "Timeout when waiting for port 127.0.0.1:6688 to answer (waited 2 s, from fixture-host)"})
write("wait_for", "port-stopped", "state: stopped waits until the port no longer answers",
      {"port": 8080, "state": "stopped", "timeout": 5},
      [{"command_contains": "if ! { timeout 5 bash -c", "stdout": "elapsed=0\n"}], [], {"status": "ok"})
write("wait_for", "path-absent", "a path to be gone",
      {"path": "/run/lock/x", "state": "absent"}, [{"command_contains": "if ! { [ -e '/run/lock/x' ]; }", "stdout": "elapsed=0\n"}], [],
      {"status": "ok", "message_contains": "/run/lock/x to be gone"})
write("wait_for", "search-regex", "a line matching search_regex in a file",
      {"path": "/var/log/app.log", "search_regex": "ready on port \\d+", "timeout": 9, "msg": "the app never got ready"},
      [{"command_contains": "if grep -Pq -- 'ready on port \\d+' '/var/log/app.log' 2>/dev/null; then", "rc": 124, "stdout": "elapsed=9\n"}], [],
      {"status": "failed", "message_contains": "the app never got ready"})
write("wait_for", "bad-port", "a port out of range fails before anything is asked",
      {"port": 70000}, [], [], {"status": "failed", "message_contains": "not between 1 and 65535"})

# ---------------------------------------------------------------- reboot
RB = "if command -v systemd-run >/dev/null 2>&1 && [ -d /run/systemd/system ]; then systemd-run --quiet --on-active=2 shutdown -r now 'Reboot initiated by Steward'; else nohup sh -c 'sleep 2; shutdown -r now '\\''Reboot initiated by Steward'\\''' >/dev/null 2>&1 </dev/null & fi"
BOOT = "cat /proc/sys/kernel/random/boot_id"
write("reboot", "reboots-and-reconnects", "schedules the reboot in the background, reconnects until SSH answers with a new boot id, then test_command",
      {"reboot_timeout": 60},
      [], [{"command": BOOT, "stdout": "old-id\n"}, {"command": RB},
           {"command": "#reconnect"}, {"command": BOOT, "stdout": "old-id\n"},
           {"command": "#reconnect", "rc": 1, "stderr": "connection refused"},
           {"command": "#reconnect"}, {"command": BOOT, "stdout": "new-id\n"},
           {"command": "whoami", "stdout": "root\n"}],
      {"status": "changed", "data": {"rebooted": True}})
write("reboot", "check-mode", "check mode reports the reboot and does nothing",
      {}, [], [], {"status": "changed", "certain": True, "message_contains": "reboot fixture-host"}, check=True)
write("reboot", "never-back", "the host does not come back within reboot_timeout: failed, saying why",
      {"reboot_timeout": 0, "pre_reboot_delay": 5, "msg": "kernel update"},
      [], [{"command": BOOT, "stdout": "old-id\n"}, {"command_contains": "systemd-run --quiet --on-active=5 shutdown -r now 'kernel update'"},
           {"command": "#reconnect", "rc": 1, "stderr": "connection refused"}],
      {"status": "failed", "message_contains": "did not come back within reboot_timeout 0 s"})
write("reboot", "test-command", "a custom test_command is run after the host is back",
      {"test_command": "systemctl is-system-running --wait", "reboot_timeout": 60},
      [], [{"command": BOOT, "stdout": "a\n"}, {"command": RB}, {"command": "#reconnect"}, {"command": BOOT, "stdout": "b\n"},
           {"command": "systemctl is-system-running --wait", "stdout": "running\n"}],
      {"status": "changed"})
write("reboot", "schedule-fails", "scheduling refused (no root): failed with stderr",
      {}, [], [{"command": BOOT, "stdout": "a\n"}, {"command": RB, "rc": 1, "stderr": "Failed to start transient timer unit: Access denied"}],
      {"status": "failed", "message_contains": "cannot schedule the reboot: Failed to start transient timer unit"})

# ---------------------------------------------------------------- later additions
write("lineinfile", "firstmatch", "firstmatch: the first line regexp matches is replaced, not the last",
      {"path": "/etc/app.ini", "regexp": "^level=", "line": "level=debug", "firstmatch": True},
      [file_probe("/etc/app.ini", "level=info\nlevel=warn\n")],
      [write_apply("/etc/app.ini", "level=debug\nlevel=warn\n")], {"status": "changed", "message_contains": "line replaced"})
write("lineinfile", "crlf-line-kept-equal", "a line ending in CRLF equals the line: unchanged",
      {"path": "/etc/win.ini", "line": "a=1"}, [file_probe("/etc/win.ini", "a=1\r\nb=2\r\n")], [],
      {"status": "ok"})
write("blockinfile", "owner-differs", "the block is there but the owner differs: only chown",
      {"path": F, "block": blk, "owner": "steward"}, [file_probe(F, with_block)],
      [{"command": "chown -h 'steward' -- '/etc/ssh/sshd_config'"}], {"status": "changed", "message_contains": "owner root → steward"})
write("uri", "head", "HEAD uses curl --head and is a question too",
      {"url": UU, "method": "HEAD"},
      [{"command_contains": "--location --head -K - -o", "stdin": "url = \"%s\"\n" % UU, "stdout": uri_answer(200, "application/json", "")}],
      [], {"status": "ok", "data": {"status": 200}})
write("wait_for", "sleep-only", "neither port nor path: just waits timeout seconds",
      {"timeout": 0}, [], [], {"status": "ok", "message_contains": "waited 0 s"})
write("lineinfile", "crlf-line-replaced-keeps-ending", "a replaced CRLF line keeps its CRLF ending",
      {"path": "/etc/win.ini", "regexp": "^b=", "line": "b=3"}, [file_probe("/etc/win.ini", "a=1\r\nb=2\r\n")],
      [write_apply("/etc/win.ini", "a=1\r\nb=3\r\n")], {"status": "changed"})
