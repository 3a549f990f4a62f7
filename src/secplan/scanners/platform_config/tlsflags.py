"""Certificate checks turned off by a command's options: ``curl -k``, ``wget
--no-check-certificate``, ``git -c http.sslVerify=false``, ``kubectl``/``helm
--insecure-skip-tls-verify``, ``podman --tls-verify=false``, ``conda``/``npm``/``poetry``
settings, and other clients' equivalents. Fetches from localhost are not judged.

>>> tls_off(["helm", "upgrade", "x", "y", "--kube-insecure-skip-tls-verify"])
'helm --kube-insecure-skip-tls-verify'
>>> tls_off(["curl", "-k", "https://localhost:8443/health"])
''
"""

from __future__ import annotations

from collections.abc import Sequence

from secplan.scanners.code.checks_net import address_host, is_local_host
from secplan.scanners.platform_config.shell import program_name

#: curl short options that take a value (the rest of a cluster such as ``-so`` is that value).
_CURL_VALUED = frozenset("oHdXAeFTxwmCbcEKrYyzUPQtu")
_OFF = frozenset({"false", "0", "no", "off"})
_YES = frozenset({"1", "yes", "true", "on"})


def _urls(args: Sequence[str]) -> list[str]:
    return [a for a in args if "://" in a or (not a.startswith("-") and "." in a and "/" in a)]


def _all_local(args: Sequence[str]) -> bool:
    urls = _urls(args)
    hosts = [address_host(u.split("://", 1)[-1].split("/", 1)[0]) for u in urls]
    return bool(hosts) and all(h and is_local_host(h) for h in hosts)


def _curl_insecure(args: Sequence[str]) -> bool:
    i = 0
    while i < len(args):
        arg = args[i]
        if arg == "--insecure":
            return True
        if arg.startswith("-") and not arg.startswith("--"):
            for ch in arg[1:]:
                if ch == "k":
                    return True
                if ch in _CURL_VALUED:
                    i += 1 if arg.endswith(ch) else 0
                    break
        i += 1
    return False


def _git_insecure(args: Sequence[str]) -> bool:
    lowered = [a.lower() for a in args]
    for i, arg in enumerate(lowered):
        key, _, value = arg.partition("=")
        if key == "http.sslverify" and value in _OFF:
            return True
        if arg == "http.sslverify" and i + 1 < len(lowered) and lowered[i + 1] in _OFF:
            return True
    return False


def tls_off(argv: Sequence[str]) -> str:
    """Evidence of a certificate check turned off by the command ``argv`` (``""`` when none)."""
    prog, args = (program_name(argv[0]), argv[1:]) if argv else ("", ())
    if prog == "curl" and _curl_insecure(args) and not _all_local(args):
        return "curl --insecure"
    if prog in ("wget", "wget2") and "--no-check-certificate" in args and not _all_local(args):
        return "wget --no-check-certificate"
    if prog == "git" and _git_insecure(args):
        return "git http.sslVerify=false"
    if prog in ("conda", "mamba", "micromamba") and _conda_ssl_off(args):
        return f"{prog} config --set ssl_verify false"
    if prog == "poetry" and _poetry_cert_off(args):
        return "poetry config certificates.*.cert false"
    if prog in ("npm", "yarn", "pnpm") and _npm_ssl_off(args):
        return f"{prog} config set strict-ssl false"
    flag = next((a for a in args if _flag_on(a, _SKIP_VERIFY_FLAGS.get(prog, ()))), "")
    if flag:
        return f"{prog} {flag}"
    flag = next((a for a in args if _flag_off(a, _VERIFY_FLAGS.get(prog, ()))), "")
    if flag:
        return f"{prog} {flag}"
    return ""


#: Options that turn certificate checks off when given (``--flag`` or ``--flag=true``).
_SKIP_VERIFY_FLAGS: dict[str, tuple[str, ...]] = {
    **dict.fromkeys(
        ("kubectl", "oc", "flux", "kustomize", "kubeadm", "k9s"),
        ("--insecure-skip-tls-verify", "--discovery-token-unsafe-skip-ca-verification"),
    ),
    "helm": ("--insecure-skip-tls-verify", "--kube-insecure-skip-tls-verify"),
    "argocd": ("--insecure", "--insecure-skip-tls-verify"),
    "mc": ("--insecure",),
    "crane": ("--insecure",),
    "oras": ("--insecure",),
    "regctl": ("--insecure",),
    "vault": ("-tls-skip-verify", "--tls-skip-verify"),
    "uv": ("--allow-insecure-host",),
    "conda": ("--insecure", "-k"),
    "mamba": ("--insecure", "-k"),
    "micromamba": ("--insecure",),
    "ansible-galaxy": ("--ignore-certs", "-c"),
    "aws": ("--no-verify-ssl",),
    "curl": ("--proxy-insecure",),
}
#: Options that turn certificate checks off when set false (``--tls-verify=false``).
_VERIFY_FLAGS: dict[str, tuple[str, ...]] = {
    **dict.fromkeys(
        ("podman", "skopeo", "buildah"),
        ("--tls-verify", "--src-tls-verify", "--dest-tls-verify"),
    ),
    "npm": ("--strict-ssl",),
    "yarn": ("--strict-ssl",),
    "pnpm": ("--strict-ssl",),
    "aria2c": ("--check-certificate",),
    "http": ("--verify",),
    "https": ("--verify",),
}


def _flag_on(arg: str, flags: Sequence[str]) -> bool:
    name, eq, value = arg.partition("=")
    return name in flags and (not eq or value.lower() in _YES)


def _flag_off(arg: str, flags: Sequence[str]) -> bool:
    name, eq, value = arg.partition("=")
    return name in flags and eq == "=" and value.lower() in _OFF


def _poetry_cert_off(args: Sequence[str]) -> bool:
    """``poetry config certificates.NAME.cert false``."""
    words = [a.lower() for a in args]
    return any(
        w.startswith("certificates.") and w.endswith(".cert") and words[i + 1 : i + 2] == ["false"]
        for i, w in enumerate(words)
    )


def _conda_ssl_off(args: Sequence[str]) -> bool:
    for i, arg in enumerate(args[:-1]):
        if arg == "ssl_verify" and args[i + 1].lower() in _OFF and "config" in args:
            return True
    return False


def _npm_ssl_off(args: Sequence[str]) -> bool:
    words = [a.lower() for a in args]
    if "strict-ssl=false" in words:
        return True
    return any(w == "strict-ssl" and words[i + 1 : i + 2] == ["false"] for i, w in enumerate(words))


__all__ = ["tls_off"]
