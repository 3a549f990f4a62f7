rule embedded_windows_executable
{
    meta:
        description = "A Windows PE executable inside a data file"
        reason = "Datasets hold records, not programs; an executable inside one is a dropper waiting for an unpacking step or a loader bug."
        source = "Microsoft PE/COFF specification: MZ header, 'PE\\0\\0' signature and the DOS stub message"
        severity = "high"
    strings:
        $mz = "MZ"
        $stub = "This program cannot be run in DOS mode"
    condition:
        for any i in (1..#mz) : (@mz[i] > 0 and $stub in (@mz[i] .. @mz[i] + 256))
}

rule embedded_elf_executable
{
    meta:
        description = "A Linux ELF executable after the start of a data file"
        reason = "An ELF image at a non-zero offset in a dataset is hidden code, not data."
        source = "System V ABI, ELF header: 0x7F 'E' 'L' 'F', class, data, version 1"
        severity = "high"
    strings:
        $elf = { 7F 45 4C 46 (01 | 02) (01 | 02) 01 }
    condition:
        for any i in (1..#elf) : (@elf[i] > 0)
}

rule reverse_shell_command
{
    meta:
        description = "A reverse-shell command line"
        reason = "Shell one-liners that connect out turn any pipeline step that evaluates text (templating, notebooks, eval) into remote control."
        source = "MITRE ATT&CK T1059.004 (Unix shell) procedure examples"
        severity = "high"
    strings:
        $a = /bash\s+-i\s+>&\s*\/dev\/tcp\/[0-9A-Za-z.\-]+\/[0-9]+/
        $b = /nc(at)?\s+(-[a-z]+\s+)*-e\s+\/bin\/(ba)?sh/
        $d = "socket.socket(socket.AF_INET" ascii
        $e = "pty.spawn(\"/bin/" ascii
    condition:
        any of them
}

rule download_and_run_command
{
    meta:
        description = "A download-and-run command line (a fetched script piped into a shell)"
        reason = "In training records, a command that fetches and executes code turns any pipeline step that evaluates text into remote control. Install instructions in a project's own documents use the same form, so documents are not matched against this rule."
        source = "MITRE ATT&CK T1059.004 (Unix shell), T1105 (ingress tool transfer)"
        severity = "high"
        documents = "no"
    strings:
        $c = /(curl|wget)\s+[^\n|;]{1,200}\|\s*(ba|z)?sh\b/
    condition:
        $c
}

rule powershell_encoded_command
{
    meta:
        description = "An encoded or hidden PowerShell command"
        reason = "Base64-encoded PowerShell is how droppers hide their script; it never belongs in training records."
        source = "MITRE ATT&CK T1059.001 (PowerShell), T1027 (obfuscated files)"
        severity = "high"
    strings:
        $a = /powershell(\.exe)?\s+[^\n]{0,80}-(e|en|enc|encodedcommand)\s+[A-Za-z0-9+\/=]{40,}/ nocase
        $b = /IEX\s*\(\s*New-Object\s+Net\.WebClient\)/ nocase
    condition:
        any of them
}

rule php_web_shell
{
    meta:
        description = "A PHP web shell"
        reason = "Scraped web data can carry web shells; a file that is served or rendered later runs them."
        source = "Common web-shell idioms: eval/assert/system over request parameters"
        severity = "high"
    strings:
        $a = /<\?php[^\n]{0,200}(eval|assert|system|shell_exec|passthru)\s*\(\s*\$_(GET|POST|REQUEST|COOKIE)/ nocase
    condition:
        $a
}

rule base64_pickle_in_text
{
    meta:
        description = "A base64-encoded Python pickle inside text data"
        reason = "A pickle runs code when loaded; text columns that carry encoded pickles ('gASV' is protocol 4 and 5) hand that code to whoever decodes them."
        source = "Python pickle protocol 4 header (0x80 0x04 0x95) in base64"
        severity = "medium"
    strings:
        $p4 = /(^|[^A-Za-z0-9+\/])gASV[A-Za-z0-9+\/]{40,}/
    condition:
        $p4
}

rule script_injection_in_text
{
    meta:
        description = "An HTML script that reads cookies or storage, or loads remote script"
        reason = "Text datasets are shown in labelling tools and dashboards; stored script there steals annotators' sessions."
        source = "OWASP stored XSS examples"
        severity = "medium"
    strings:
        $a = /<script[^>]{0,100}>[^<]{0,300}(document\.cookie|localStorage|fetch\(|XMLHttpRequest)/ nocase
        $b = /<script[^>]{0,60}src\s*=\s*["']?https?:\/\// nocase
    condition:
        any of them
}
