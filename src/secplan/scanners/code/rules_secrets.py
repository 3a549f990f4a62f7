"""Rules CD201-CD208: credentials written into code, notebooks and configuration.

Controls: a credential is an access-control failure first (DS2: whoever reads the file can
authenticate as its owner). Credentials of platforms the ML work runs on (clouds, model hubs,
tracking and inference services, source forges) also fail PS3, platform access control. A
private key in a file fails DS1 as well, whose keys must live in a key store, not next to
the data they protect.
"""

from __future__ import annotations

from secplan.model import ControlId, Rule, Severity
from secplan.model.finding import Confidence
from secplan.model.rule import atlas, cwe, url

C = ControlId

_ROTATE = (
    "Revoke and rotate the credential now (it is in the history even once deleted), then load "
    "it at run time from the environment or a secret manager (`os.environ[...]`, a vault, "
    "CI secrets); keep `.env` files out of version control."
)

CLOUD_CREDENTIAL = Rule(
    id="CD201",
    name="hardcoded-cloud-credential",
    title="Cloud provider credential in a file",
    severity=Severity.CRITICAL,
    controls=(C("DS2"), C("PS3")),
    summary="An AWS access key id or secret access key, a Google Cloud service-account key "
    "(JSON with `type: service_account` and a private key), an Azure storage account key or "
    "connection string, or an Azure SAS token appears in the file.",
    rationale="Cloud credentials open the buckets where training data and models live, and "
    "often the compute that trains and serves them. Keys in repositories and notebooks are "
    "harvested within minutes of being pushed.",
    example='aws_secret_access_key = "<40 characters>"',
    remediation=_ROTATE + " Prefer short-lived credentials (IAM roles, workload identity).",
    references=(cwe(798), atlas("AML.T0055")),
)

ML_PLATFORM_TOKEN = Rule(
    id="CD202",
    name="hardcoded-ml-platform-token",
    title="Model hub or ML platform token in a file",
    severity=Severity.HIGH,
    controls=(C("PS3"), C("DS2")),
    summary="A Hugging Face (`hf_...`, `api_org_...`), OpenAI (`sk-...`, `sk-proj-...`), "
    "Anthropic (`sk-ant-...`), Weights & Biases (40-hex key next to `WANDB_API_KEY`, "
    "`wandb.login(key=...)` or its netrc entry), Replicate, Groq or LangSmith token appears in "
    "the file.",
    rationale="A write token to a model hub lets an attacker replace models that others load "
    "(a supply-chain attack); API keys are spent and read as the owner; tracking keys expose "
    "experiments, datasets and artifacts.",
    example='login(token="hf_<34 characters>")',
    remediation=_ROTATE + " Use fine-grained, read-only tokens where possible.",
    references=(cwe(798), atlas("AML.T0055"), atlas("AML.T0010")),
)

FORGE_TOKEN = Rule(
    id="CD203",
    name="hardcoded-forge-token",
    title="GitHub or GitLab token in a file",
    severity=Severity.HIGH,
    controls=(C("DS2"), C("PS3")),
    summary="A GitHub (`ghp_`, `gho_`, `ghu_`, `ghs_`, `ghr_`, `github_pat_`) or GitLab "
    "(`glpat-` and other `gl...-`) token appears in the file.",
    rationale="Forge tokens reach the source of training and serving code and often its CI, "
    "where further secrets live.",
    example='GITHUB_TOKEN = "ghp_<36 characters>"',
    remediation=_ROTATE,
    references=(cwe(798),),
)

SERVICE_TOKEN = Rule(
    id="CD204",
    name="hardcoded-service-token",
    title="Slack or Stripe credential in a file",
    severity=Severity.HIGH,
    controls=(C("DS2"),),
    summary="A Slack token (`xox[abprs]-`) or incoming-webhook URL, or a Stripe live secret or "
    "restricted key (`sk_live_`, `rk_live_`) appears in the file. Test-mode keys are not "
    "reported.",
    rationale="Alerting webhooks and bot tokens let anyone post as the team's monitoring; "
    "payment keys move money.",
    example='SLACK_WEBHOOK = "https://hooks.slack.com/services/T.../B.../..."',
    remediation=_ROTATE,
    references=(cwe(798),),
)

PRIVATE_KEY = Rule(
    id="CD205",
    name="private-key-in-file",
    title="Private key in a file",
    severity=Severity.HIGH,
    controls=(C("DS1"), C("DS2")),
    summary="A PEM private key block (RSA, EC, DSA, OpenSSH, PKCS#8, encrypted or not) with its "
    "body appears in the file.",
    rationale="Keys that sign models, decrypt data or authenticate services must live in a key "
    "store; a key in a repository or notebook is a key everyone with read access holds.",
    # described, not quoted: secplan's own reports carry this text, and must not read as a key
    example='deploy/key.pem: a "BEGIN PRIVATE KEY" header between dashes, base64 lines (MIIEv...), '
    'an "END PRIVATE KEY" line',
    remediation="Revoke the key and issue a new one kept in a key store or KMS; load it at run "
    "time.",
    references=(cwe(321), cwe(798)),
)

URL_PASSWORD = Rule(
    id="CD206",
    name="url-with-password",
    title="URL with an embedded password",
    severity=Severity.HIGH,
    controls=(C("DS2"),),
    summary="A database, broker or HTTP URL carries a password "
    "(`postgresql://user:password@host/db`, `redis://:password@host`) or a key or token in "
    "its query (`?api_key=...`, `&access_token=...`; error messages and tracebacks keep "
    "them), unless the value is a placeholder or a variable reference.",
    rationale="Connection strings hold the keys to feature stores, label databases and "
    "experiment metadata; they also end up in logs and tracking servers.",
    example='engine = create_engine("postgresql://ml:<password>@db:5432/features")',
    remediation=_ROTATE + " Build the URL from separate settings at run time.",
    references=(cwe(798), cwe(522)),
)

JWT_TOKEN = Rule(
    id="CD207",
    name="hardcoded-jwt",
    title="JSON Web Token in a file",
    severity=Severity.MEDIUM,
    controls=(C("DS2"),),
    summary="A JSON Web Token (three base64url parts whose header decodes to JSON with `alg`) "
    "appears in the file.",
    rationale="A JWT is a bearer credential: until it expires, whoever holds it is its subject. "
    "Long-lived service tokens are common in notebooks and configs.",
    example='headers = {"Authorization": "Bearer eyJhbGciOi..."}',
    remediation=_ROTATE,
    confidence=Confidence.MEDIUM,
    references=(cwe(798), url("https://datatracker.ietf.org/doc/html/rfc7519")),
)

GENERIC_SECRET = Rule(
    id="CD208",
    name="hardcoded-secret-assignment",
    title="High-entropy value assigned to a secret-looking name",
    severity=Severity.MEDIUM,
    controls=(C("DS2"),),
    summary="A literal value is assigned to a name such as `*_key`, `*_token`, `*_secret`, "
    "`password` (or written into an `Authorization` header, or given to a command as an "
    "argument: `mc alias set NAME URL KEY SECRET`, `docker login -p`, `sshpass -p`, "
    "`curl -u user:password`, `htpasswd -b`), or is the `Default` of a CloudFormation "
    "parameter named for a credential, and the value looks like a real credential: long "
    "and random enough, not a placeholder (`xxx`, `<your-key>`, `changeme`, `${VAR}`, "
    "`{{ var }}`, test values), not an environment lookup, not a password hash, and not "
    "words: snake or kebab case, a class name, or an HTTP header's name under a key "
    '(`{key: "Content-Security-Policy", value: ...}`; a password is judged as one, '
    "whatever its shape).",
    rationale="Credentials of services without a recognisable token format are as dangerous "
    "as those with one; the name and the randomness of the value give them away.",
    example='api_secret = "q8Zt2LmN4vXw9RbK7yHc"',
    remediation=_ROTATE,
    confidence=Confidence.MEDIUM,
    references=(cwe(798), cwe(259)),
)

RULES: tuple[Rule, ...] = (
    CLOUD_CREDENTIAL,
    ML_PLATFORM_TOKEN,
    FORGE_TOKEN,
    SERVICE_TOKEN,
    PRIVATE_KEY,
    URL_PASSWORD,
    JWT_TOKEN,
    GENERIC_SECRET,
)
BY_ID: dict[str, Rule] = {r.id: r for r in RULES}
