# Complete a .config from Kconfig files and a (def)config, without python.
#
# usage: awk -f kconfig.awk -v top=Kconfig BASECONFIG > .config
#
# The build needs a complete .config, but Buildroot and Yocto users must
# not need kconfiglib for a plain build. Our Kconfig keeps to a subset
# this script understands: `config NAME`, a type (bool, int, hex, string)
# with an optional prompt, one `default`, and `depends on SYM` naming a
# single bool. menuconfig, olddefconfig and savedefconfig use kconfiglib
# on the same files; tests/unit/kconfig.sh checks both agree.
# `source` is followed depth-first, so symbols come out in kconfiglib's
# order. Non-bool symbols must not use `depends on` (kconfiglib would
# leave them out of .config, and config.h needs every CFG_X defined).
function kline(line,   f, v, nf) {
	nf = split(line, f, /[ \t]+/)
	if (f[1] == "") { for (i = 1; i < nf; i++) f[i] = f[i + 1]; nf-- }
	if (f[1] == "source") { v = f[2]; gsub(/"/, "", v); kfile(v); sym = ""; return }
	if (f[1] == "config") { sym = f[2]; order[++n] = sym; return }
	if (sym == "") return
	if (f[1] ~ /^(bool|int|hex|string)$/ && !(sym in type)) { type[sym] = f[1]; return }
	if (f[1] == "default" && !(sym in def)) {
		v = line; sub(/^[ \t]*default[ \t]+/, "", v); sub(/[ \t]+$/, "", v)
		def[sym] = v; return
	}
	if (f[1] == "depends" && f[2] == "on") { dep[sym] = f[3]; return }
	if (f[1] ~ /^(menu|endmenu|comment|choice|endchoice|mainmenu|if|endif)$/) sym = ""
}
function kfile(path,   line) {
	while ((getline line < path) > 0) kline(line)
	close(path)
}
BEGIN { kfile(top) }
/^CONFIG_[A-Za-z0-9_]+=/ {
	s = $0; sub(/=.*/, "", s); sub(/^CONFIG_/, "", s)
	v = $0; sub(/^[^=]*=/, "", v); given[s] = v; next
}
/^# CONFIG_[A-Za-z0-9_]+ is not set/ { s = $2; sub(/^CONFIG_/, "", s); given[s] = "n"; next }
END {
	for (s in given) if (!(s in type)) print "kconfig.awk: unknown symbol CONFIG_" s " ignored" > "/dev/stderr"
	for (i = 1; i <= n; i++) {
		s = order[i]; t = type[s]
		v = (s in given) ? given[s] : (s in def ? def[s] : (t == "bool" ? "n" : (t == "string" ? "\"\"" : "0")))
		if (t == "bool" && v != "y") v = "n"
		if ((s in dep) && val[dep[s]] != "y") { val[s] = "n"; continue }
		if (t == "string" && v !~ /^".*"$/) v = "\"" v "\""
		val[s] = v
		if (t == "bool" && v == "n") print "# CONFIG_" s " is not set"
		else print "CONFIG_" s "=" v
	}
}
