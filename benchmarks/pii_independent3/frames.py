# ruff: noqa: E501  (each frame is one line of prose, kept whole so it reads as written)
"""Hand-written frames of the third independent PII corpus: ``(style, language, text)``.

Placeholders are described in ``generate.py``. Frames without a labelled placeholder are
hard negatives: they carry only look-alikes.
"""

from __future__ import annotations

FRAMES: list[tuple[str, str, str]] = []


def f(style: str, lang: str, *texts: str) -> None:
    for t in texts:
        FRAMES.append((style, lang, t))


# ------------------------------------------------------------ customer-support call notes
f(
    "call_notes",
    "en",
    "Call 14:02 — caller ⟦NAME⟧ re ⟦D:order_number⟧, says parcel ⟦D:tracking_number⟧ shows delivered but nothing arrived. Confirmed callback number ⟦PHONE⟧. Escalated to ⟦D:ticket_number⟧.",
    "Inbound call. Customer ⟦GIVEN:f⟧ wants refund for ⟦L:product:Dyson V15⟧; card ending not given. Advised to use ⟦D:role_or_reserved_email⟧. No further action.",
    "Caller could not pass security (DOB given ⟦DOB⟧ did not match file). Account holder: Mr ⟦SUR:m⟧. Flagged ⟦D:ticket_number⟧.",
    "Spoke to ⟦NAME⟧, new address for the subscription: ⟦ADDR:us⟧. Email on file updated to ⟦EMAIL⟧.",
    "Call dropped twice, line quality poor. Caller asked whether ⟦L:product:Erica⟧ (the bank's assistant) can reset PINs — it can't. Ref ⟦D:ticket_number⟧, build ⟦D:version⟧ of the app.",
    "Customer reports app v⟦D:ip_like_version⟧ crashes on ⟦L:product:Tesla Model Y⟧ browser. Logged as ⟦D:ticket_number⟧, no personal details taken.",
    "⟦L:name_word:Will⟧ call back tomorrow re ⟦D:order_number⟧. ⟦L:name_word:Mark⟧ as pending until the courier confirms.",
    "Caller ⟦NAME:m⟧ ((⟦PHONE:US⟧)) disputes charge on card ⟦CARD⟧. Chargeback form sent.",
)
f(
    "call_notes",
    "de",
    "Anruf 09:41: Frau ⟦SUR:f⟧ meldet, dass die Lieferung ⟦D:tracking_number⟧ beschädigt ist. Rückruf unter ⟦PHONE⟧ erbeten.",
    "Herr ⟦NAME:m⟧ möchte die Bankverbindung ändern: neue IBAN ⟦IBAN⟧. Bestätigung per Post an ⟦ADDR⟧.",
    "Kundin fragt nach dem ⟦L:product:Mercedes-Benz Sprinter⟧-Ersatzteil ⟦D:sku⟧, Lager ⟦L:place:Sankt Pölten⟧. Keine personenbezogenen Daten aufgenommen.",
    "Rückfrage zu Rechnung ⟦D:invoice_id⟧ über ⟦L:company:Miele⟧-Geräte; Betrag 1.249,00 €. Vorgang ⟦D:ticket_number⟧ geschlossen.",
)
f(
    "call_notes",
    "fr",
    "Appel de Mme ⟦SUR:f⟧ (⟦PHONE⟧) : colis ⟦D:tracking_number⟧ bloqué à ⟦L:place:Saint-Denis⟧. Nouvelle adresse : ⟦ADDR⟧.",
    "Client ⟦NAME:m⟧, né le ⟦DOB⟧, demande la clôture du compte. Numéro de sécurité sociale fourni : ⟦NID:FR_INSEE⟧.",
    "Question sur la garantie ⟦L:company:Michelin⟧, commande ⟦D:order_number⟧. Aucune donnée personnelle.",
)
f(
    "call_notes",
    "es",
    "Llamada de ⟦NAME⟧, DNI ⟦NID:ES_DNI⟧, solicita duplicado de factura ⟦D:invoice_id⟧. Teléfono de contacto ⟦PHONE⟧.",
    "Consulta sobre el envío ⟦D:tracking_number⟧ a ⟦L:place:San Sebastián⟧; el cliente no dejó datos.",
)
f(
    "call_notes",
    "tr",
    "Müşteri ⟦NAME⟧ aradı, TC kimlik no ⟦NID:TR_TCKN⟧, kart ⟦CARD⟧ ile ilgili itiraz. Geri dönüş: ⟦PHONE⟧.",
)

# ------------------------------------------------------------ HR spreadsheets pasted as text
f(
    "hr_sheet",
    "en",
    "emp_id\tfirst_name\tlast_name\tdob\tni_number\tstart\n⟦D:ticket_number⟧\t⟦GIVEN⟧\t⟦SUR⟧\t⟦DOB⟧\t⟦NID:UK_NINO⟧\t⟦D:event_date⟧",
    "Name | Team | Laptop MAC | Badge\n⟦NAME⟧ | Platform | ⟦MAC⟧ | ⟦D:build_number⟧\n⟦NAME⟧ | Data | ⟦MAC⟧ | ⟦D:build_number⟧",
    "Employee\tSSN\tHome address\n⟦INV⟧\t⟦NID:US_SSN⟧\t⟦ADDR:us⟧",
    "cost_center\tvendor\tamount\tpo\n4410\t⟦L:company:Deloitte⟧\t12,400.00\t⟦D:order_number⟧\n4420\t⟦L:company:McKinsey⟧\t38,150.00\t⟦D:order_number⟧",
    "role\tlevel\tband\tlocation\nML Engineer\tL4\t⟦D:sku⟧\t⟦L:place:Madison⟧\nData Analyst\tL3\t⟦D:sku⟧\t⟦L:place:Austin⟧",
)
f(
    "hr_sheet",
    "de",
    "Personalnr.;Nachname;Vorname;Geburtsdatum;Steuer-ID;IBAN\n⟦D:build_number⟧;⟦SUR⟧;⟦GIVEN⟧;⟦DOB⟧;⟦NID:DE_TAX_ID⟧;⟦IBAN:DE⟧",
    "Kostenstelle;Lieferant;Betrag\n7100;⟦L:company:Bosch⟧;4.820,00\n7200;⟦L:company:Bertelsmann⟧;910,50",
)
f(
    "hr_sheet",
    "nl",
    "naam\tBSN\tgeboortedatum\ttelefoon\n⟦NAME⟧\t⟦NID:NL_BSN⟧\t⟦DOB⟧\t⟦PHONE⟧",
)
f(
    "hr_sheet",
    "sv",
    "Namn;Personnummer;Adress\n⟦NAME⟧;⟦NID:SE_PNR⟧;⟦ADDR:se⟧",
)
f(
    "hr_sheet",
    "it",
    "Cognome\tNome\tCodice fiscale\tIBAN\n⟦SUR⟧\t⟦GIVEN⟧\t⟦NID:IT_CF⟧\t⟦IBAN:IT⟧",
)
f(
    "hr_sheet",
    "pl",
    "Nazwisko i imię;PESEL;Telefon\n⟦INV⟧;⟦NID:PL_PESEL⟧;⟦PHONE⟧",
)
f(
    "hr_sheet",
    "pt",
    "Nome;CPF;Nascimento;E-mail\n⟦NAME:@br⟧;⟦NID:BR_CPF⟧;⟦DOB⟧;⟦EMAIL⟧",
    "Nome;NIF;Morada\n⟦NAME:@pt⟧;⟦NID:PT_NIF⟧;⟦ADDR:pt⟧",
)
f(
    "hr_sheet",
    "ko",
    "이름\t주민등록번호\t연락처\n⟦NAME⟧\t⟦NID:KR_RRN⟧\t⟦PHONE:KR⟧",
)
f(
    "hr_sheet",
    "zh",
    "姓名\t身份证号\t手机\n⟦NAME⟧\t⟦NID:CN_RIC⟧\t⟦PHONE:CN⟧",
)

# ------------------------------------------------------------ medical appointment reminders
f(
    "appointment",
    "en",
    "Reminder: ⟦GIVEN⟧, your appointment with Dr. ⟦SUR⟧ is on ⟦D:event_date⟧ at 10:30. Reply C to confirm. Booking ref ⟦D:order_number⟧. Patient DOB on file: ⟦DOB⟧.",
    "Hi ⟦GIVEN:f⟧, this is ⟦L:company:Boots⟧ Pharmacy: your prescription is ready at our ⟦L:place:Kingston⟧ branch.",
    "Your ⟦L:product:Pfizer⟧ booster slot: ⟦D:event_date⟧, ⟦L:place:Hamilton⟧ clinic. Bring your NHS letter. Do not reply to this message.",
    "Clinic system notice: reminders sent via ⟦L:library:Twilio⟧ API ⟦D:version⟧; batch ⟦D:uuid⟧ ok.",
)
f(
    "appointment",
    "de",
    "Terminerinnerung: Sehr geehrte Frau ⟦SUR:f⟧, Ihr Termin in der Praxis am ⟦D:event_date⟧ um 08:15. Geb.-Datum zur Kontrolle: ⟦DOB⟧.",
    "Praxis-Hinweis: Die Sprechstunde am ⟦D:event_date⟧ entfällt. Rückfragen an ⟦D:role_or_reserved_email⟧.",
)
f(
    "appointment",
    "fr",
    "Rappel : ⟦NAME⟧, rendez-vous le ⟦D:event_date⟧ avec le Dr ⟦SUR⟧ au cabinet, ⟦L:place:Lourdes⟧. Pour annuler : ⟦D:plain_url⟧",
)
f(
    "appointment",
    "it",
    "Promemoria: gentile ⟦NAME:f⟧, la visita è fissata il ⟦D:event_date⟧. Tessera sanitaria ⟦NID:IT_CF⟧.",
)
f(
    "appointment",
    "nl",
    "Herinnering: beste ⟦GIVEN⟧, uw afspraak bij de tandarts is op ⟦D:event_date⟧. Geboortedatum ⟦DOB⟧, BSN ⟦NID:NL_BSN⟧.",
)
f(
    "appointment",
    "ja",
    "【予約確認】⟦NAME⟧様、⟦D:event_date⟧ 14:00 に内科外来のご予約です。生年月日：⟦DOB⟧。変更は ⟦PHONE:JP⟧ まで。",
    "【お知らせ】⟦D:event_date⟧ は臨時休診です。システム ⟦D:version⟧ へ更新しました。",
)
f(
    "appointment",
    "hu",
    "Emlékeztető: ⟦NAME⟧, időpontja ⟦D:event_date⟧ 9:00. Születési dátum: ⟦DOB⟧ Telefon: ⟦PHONE⟧.",
)
f(
    "appointment",
    "sv",
    "Påminnelse: ⟦GIVEN⟧, din tid på vårdcentralen är ⟦D:event_date⟧. Personnummer ⟦NID:SE_PNR⟧.",
)

# ------------------------------------------------------------ shipping labels
f(
    "shipping_label",
    "en",
    "SHIP TO:\n⟦UP⟧\n⟦ADDR:us⟧\nTEL ⟦PHONE:US⟧\nTRACKING ⟦D:tracking_number⟧  WT 2.4 LB",
    "FROM: ⟦L:company:Procter & Gamble⟧ DC ⟦L:place:St. Louis⟧\nTO: Returns Dept, ⟦L:place:Phoenix⟧\nREF ⟦D:order_number⟧ SKU ⟦D:sku⟧ TRK ⟦D:tracking_number⟧",
    "DELIVER TO: ⟦NAME⟧, ⟦ADDR:gb⟧. Leave with neighbour. Barcode ⟦D:barcode⟧.",
)
f(
    "shipping_label",
    "de",
    "Empfänger: ⟦NAME⟧\n⟦ADDR:de⟧\nSendungsnr. ⟦D:tracking_number⟧\nAbsender: ⟦L:company:Lidl⟧ Onlineshop",
    "Packstation-Zustellung, Sendung ⟦D:tracking_number⟧, Gewicht 3,2 kg, Artikel ⟦D:sku⟧, EAN ⟦D:barcode⟧",
)
f(
    "shipping_label",
    "fr",
    "DESTINATAIRE : ⟦UP⟧ — ⟦ADDR:fr⟧ — Tél. ⟦PHONE⟧ — Colissimo ⟦D:tracking_number⟧",
)
f(
    "shipping_label",
    "es",
    "Destinatario: ⟦NAME⟧\n⟦ADDR:es⟧\nMóvil ⟦PHONE⟧\nEnvío ⟦D:tracking_number⟧ · ⟦L:company:Zara⟧",
)
f(
    "shipping_label",
    "pl",
    "Odbiorca: ⟦NAME⟧, ⟦ADDR:pl⟧, tel. ⟦PHONE⟧, paczka ⟦D:tracking_number⟧",
)
f(
    "shipping_label",
    "cs",
    "Příjemce: ⟦NAME⟧, ⟦ADDR:cz⟧, tel. ⟦PHONE⟧. Zásilka ⟦D:tracking_number⟧.",
)
f(
    "shipping_label",
    "ja",
    "お届け先：⟦ADDR:ja⟧ ⟦NAME⟧ 様 電話 ⟦PHONE:JP⟧ 伝票番号 ⟦D:tracking_number⟧",
)
f(
    "shipping_label",
    "pt",
    "Destinatário: ⟦NAME:@br⟧, ⟦ADDR:br⟧. Rastreio ⟦D:tracking_number⟧. Coordenadas da entrega ⟦D:coordinates⟧.",
)

# ------------------------------------------------------------ git commit trailers
f(
    "git_trailer",
    "en",
    "Fix off-by-one in tokenizer padding\n\nThe mask was one short for batch sizes above 64.\n\nSigned-off-by: ⟦NAME⟧ <⟦EMAIL⟧>\nReviewed-by: ⟦NAME⟧ <⟦EMAIL⟧>",
    "Bump ⟦L:library:Django⟧ from ⟦D:version⟧ to ⟦D:version⟧\n\nChange-Id: I⟦D:git_sha⟧\nSigned-off-by: dependabot[bot] <⟦D:role_or_reserved_email⟧>",
    "Merge pull request #⟦D:build_number⟧ from ⟦L:library:Jenkins⟧-ci/fix-cache\n\nUse ⟦L:library:Celery⟧ ⟦D:version⟧ in CI; digest ⟦D:hash⟧",
    'Revert "Use ⟦L:eponym:Levenshtein distance⟧ for dedup"\n\nThis reverts commit ⟦D:git_sha⟧.\n\nCo-authored-by: ⟦NAME⟧ <⟦EMAIL⟧>',
    "Add ⟦L:library:Luigi⟧ pipeline for nightly export\n\nTested on ⟦D:ip_like_version⟧ driver, seed ⟦D:float⟧.",
    "docs: thank ⟦L:company:Bosch⟧ and ⟦L:company:Siemens⟧ for hardware; see ⟦D:plain_url⟧",
)
f(
    "git_trailer",
    "de",
    "Korrigiere Zeitzonen in Exporten\n\nReported-by: ⟦NAME⟧ <⟦EMAIL⟧>\nSigned-off-by: ⟦NAME⟧ <⟦EMAIL⟧>",
)

# ------------------------------------------------------------ code review threads
f(
    "code_review",
    "en",
    '⟦GIVEN⟧: nit — don\'t hardcode the token here (`token = "⟦KEY:github⟧"`), read it from the env.\n⟦GIVEN⟧: good catch, rotating it now.',
    '> conn = connect("⟦DBURL⟧")\n⟦GIVEN⟧: this URL has the prod password in it, please move to secrets.',
    "reviewer: LGTM once ⟦L:library:Pandas⟧ is pinned to ⟦D:version⟧. The `api_key=⟦D:placeholder_secret⟧` default is fine for the example.",
    "@⟦GIVEN⟧ the fixture still has a real-looking card `⟦CARD⟧` — replace with a test PAN.",
    "Suggestion: use ⟦L:eponym:Xavier initialization⟧ instead; also ⟦L:eponym:Nesterov momentum⟧ gave 0.3 pt on ⟦D:git_sha⟧.",
    "The OpenAI key in `config.py` line 12 (`⟦KEY:openai⟧`) was pushed in ⟦D:git_sha⟧ — revoke it.",
    "CI on ⟦L:library:Travis CI⟧ fails with `⟦L:library:Gradle⟧ ⟦D:version⟧`; rerun #⟦D:build_number⟧ after cache purge.",
    'Question from ⟦L:product:Copilot⟧ review bot: is `SECRET = "⟦D:placeholder_secret⟧"` intended? — yes, placeholder.',
)
f(
    "code_review",
    "fr",
    "⟦GIVEN⟧ : attention, le fichier .env contient `STRIPE_KEY=⟦KEY:stripe⟧`, il ne doit pas être commité.",
)
f(
    "code_review",
    "de",
    "⟦GIVEN⟧: Bitte das Passwort `⟦PW⟧` aus dem Testskript entfernen, das ist das echte vom Staging.",
    "Review: ⟦L:eponym:Cholesky decomposition⟧ ist hier stabiler; Benchmark auf Commit ⟦D:git_sha⟧, Laufzeit ⟦D:float⟧ s.",
)

# ------------------------------------------------------------ Discord / Teams logs
f(
    "chat_log",
    "en",
    "[⟦D:timestamp⟧] ⟦GIVEN⟧: anyone got the staging creds?\n[⟦D:timestamp⟧] ⟦GIVEN⟧: user deploy / ⟦PW⟧, don't paste it anywhere else lol",
    "[⟦D:timestamp⟧] ⟦GIVEN⟧: my new number is ⟦PHONE⟧ btw\n[⟦D:timestamp⟧] ⟦GIVEN⟧: saved 👍",
    "⟦GIVEN⟧ — Today at 21:14\nsend the coins to ⟦WALLET⟧ and I'll ship the GPU",
    "[⟦D:timestamp⟧] mod-bot: ⟦L:product:Jarvis⟧ restarted on ⟦D:version⟧ (⟦D:git_sha⟧)\n[⟦D:timestamp⟧] mod-bot: ping from ⟦D:loopback_or_reserved_ip⟧ ok",
    "[⟦D:timestamp⟧] ⟦GIVEN⟧: anyone tried ⟦L:product:Mistral Large⟧ vs ⟦L:product:Gemini⟧ on the eval?\n[⟦D:timestamp⟧] ⟦GIVEN⟧: ⟦L:product:Gemini⟧ scored ⟦D:float⟧",
    "[⟦D:timestamp⟧] ⟦GIVEN⟧: ⟦L:name_word:Grace⟧ period on the licence ends ⟦D:event_date⟧, renew before then",
    "⟦NAME⟧ (Teams) 10:02\nCan you add my home IP ⟦IP⟧ to the allowlist? VPN is down.",
    "⟦NAME⟧ (Teams) 16:45\nHere's the HF token for the eval box: ⟦KEY:hf⟧",
    "Meeting recording from ⟦L:place:Santa Clara⟧ office uploaded — ⟦D:plain_url⟧ (id ⟦D:uuid⟧)",
)
f(
    "chat_log",
    "de",
    "[⟦D:timestamp⟧] ⟦GIVEN⟧: Kann jemand meine Adresse für das Paket nehmen? ⟦ADDR:de⟧\n[⟦D:timestamp⟧] ⟦GIVEN⟧: klar",
    "⟦NAME⟧ (Teams): Der Build ⟦D:build_number⟧ läuft auf ⟦L:library:Jenkins⟧ wieder, Log unter ⟦D:plain_url⟧.",
)
f(
    "chat_log",
    "pl",
    "[⟦D:timestamp⟧] ⟦GIVEN⟧: wysłałem ci mój numer konta ⟦IBAN:PL⟧, oddaj za pizzę\n[⟦D:timestamp⟧] ⟦GIVEN⟧: ok",
)
f(
    "chat_log",
    "tr",
    "[⟦D:timestamp⟧] ⟦GIVEN⟧: e-postam ⟦EMAIL⟧, davetiyeyi oraya at\n[⟦D:timestamp⟧] ⟦GIVEN⟧: tamam",
)
f(
    "chat_log",
    "id",
    "[⟦D:timestamp⟧] ⟦GIVEN⟧: nomor WA aku ⟦PHONE:ID⟧ ya\n[⟦D:timestamp⟧] ⟦GIVEN⟧: siap",
)
f(
    "chat_log",
    "es",
    "[⟦D:timestamp⟧] ⟦GIVEN⟧: ¿alguien probó ⟦L:library:Rasa⟧ ⟦D:version⟧ con ⟦L:product:Falcon 40B⟧?\n[⟦D:timestamp⟧] bot: build ⟦D:build_number⟧ ok",
)
f(
    "chat_log",
    "ko",
    "[⟦D:timestamp⟧] ⟦NAME⟧: 제 이메일은 ⟦EMAIL⟧ 입니다\n[⟦D:timestamp⟧] 봇: 등록 완료",
)

# ------------------------------------------------------------ web form dumps
f(
    "web_form",
    "en",
    "first_name=⟦GIVEN⟧&last_name=⟦SUR⟧&email=⟦EMAIL⟧&phone=⟦PHONE⟧&newsletter=1&utm_source=⟦L:company:Disney⟧",
    "--- Contact form submission ---\nName: ⟦NAME⟧\nEmail: ⟦EMAIL⟧\nMessage: please delete my data from ⟦L:product:IBM Watson⟧ trials\nIP: ⟦IP⟧\nUser-Agent: Mozilla/5.0 Chrome/⟦D:ip_like_version⟧",
    "form_id=⟦D:uuid⟧&product=⟦L:product:Kate Spade⟧&qty=2&sku=⟦D:sku⟧&coupon=SUMMER24&csrf=⟦D:hash⟧",
    "Field\tValue\nFull name\t⟦NAME⟧\nPassport no.\t⟦PASS:US⟧\nDate of birth\t⟦DOB⟧\nNationality\tUS",
    "Submission ⟦D:uuid⟧ from ⟦D:documentation_ip⟧ (test harness): name=⟦L:placeholder_person:Test User⟧, email=⟦D:role_or_reserved_email⟧",
    "card_holder=⟦UP⟧&card_number=⟦CARD⟧&exp=08/29&amount=49.00&currency=EUR",
    "Billing: ⟦NAME⟧, ⟦ADDR:us⟧ · Aadhaar ⟦NID:IN_AADHAAR⟧ · mobile ⟦PHONE:IN⟧",
)
f(
    "web_form",
    "fr",
    "civilite=Mme&nom=⟦SUR:f⟧&prenom=⟦GIVEN:f⟧&naissance=⟦DOB⟧&iban=⟦IBAN:FR⟧",
)
f(
    "web_form",
    "de",
    "Anrede: Herr\nVorname: ⟦GIVEN:m⟧\nNachname: ⟦SUR:m⟧\nGeburtsdatum: ⟦DOB⟧\nReisepass: ⟦PASS:DE⟧\nE-Mail: ⟦EMAIL⟧",
)
f(
    "web_form",
    "it",
    "nome=⟦GIVEN⟧&cognome=⟦SUR⟧&codice_fiscale=⟦NID:IT_CF⟧&indirizzo=⟦ADDR:it⟧",
)
f(
    "web_form",
    "nl",
    "Naam: ⟦NAME⟧\nIBAN: ⟦IBAN:NL⟧\nTelefoon: ⟦PHONE⟧\nOpmerking: graag bezorgen na ⟦D:event_date⟧",
)
f(
    "web_form",
    "pt",
    "nome=⟦NAME:@br⟧&cpf=⟦NID:BR_CPF⟧&celular=⟦PHONE:BR⟧&cep=01310-100",
)
f(
    "web_form",
    "es",
    "nombre=⟦NAME⟧&nie=⟦NID:ES_NIE⟧&telefono=⟦PHONE⟧&acepta_privacidad=true",
)

# ------------------------------------------------------------ auth service log lines
f(
    "auth_log",
    "en",
    "⟦D:timestamp⟧ sshd[⟦D:build_number⟧]: Failed password for invalid user admin from ⟦IP⟧ port 51422 ssh2",
    "⟦D:timestamp⟧ sshd[2211]: Accepted publickey for deploy from ⟦IP⟧ port 60122 ssh2: RSA SHA256:⟦D:hash⟧",
    'level=info ts=⟦D:timestamp⟧ msg="login ok" user=⟦EMAIL⟧ src_ip=⟦IP⟧ mfa=totp session=⟦D:uuid⟧',
    'level=warn ts=⟦D:timestamp⟧ msg="password reset requested" user=⟦EMAIL⟧ src_ip=⟦IP6⟧',
    "type=LOGIN_ERROR realm=ml-platform clientId=grafana userId=⟦D:uuid⟧ ipAddress=⟦IP⟧ error=invalid_user_credentials username=⟦EMAIL⟧",
    "⟦D:timestamp⟧ radiusd: Login OK: [⟦GIVEN⟧.⟦SUR⟧] (from client ap-3f port 0 cli ⟦MAC⟧)",
    "⟦D:timestamp⟧ dhcpd: DHCPACK on ⟦IP⟧ to ⟦MAC⟧ via eth0",
    "⟦D:timestamp⟧ auth-svc ⟦D:version⟧ started, listening on ⟦D:loopback_or_reserved_ip⟧:8443, build ⟦D:git_sha⟧",
    "⟦D:timestamp⟧ auth-svc health ok from ⟦D:documentation_ip⟧ latency_ms=⟦D:float⟧ agent_version=⟦D:ip_like_version⟧",
    "⟦D:timestamp⟧ WARN token rejected: Bearer ⟦D:placeholder_secret⟧ (placeholder from docs)",
    "⟦D:timestamp⟧ ERROR upstream auth failed: Authorization: Bearer ⟦KEY:jwt⟧ src=⟦IP⟧",
    "⟦D:timestamp⟧ oauth: token issued client=ci-runner scope=repo fingerprint=⟦D:hash⟧ expires=⟦D:timestamp⟧",
)
f(
    "auth_log",
    "de",
    "⟦D:timestamp⟧ VPN: Benutzer ⟦GIVEN⟧.⟦SUR⟧ angemeldet von ⟦IP⟧ (Gerät ⟦MAC⟧)",
)

# ------------------------------------------------------------ translated UI strings with placeholders
f(
    "ui_strings",
    "en",
    'msgid "Hello %(first_name)s, your order %(order_id)s has shipped"\nmsgstr "Hello %(first_name)s, your order %(order_id)s has shipped"',
    '"welcome": "Welcome back, {{user.displayName}}!", "version": "⟦D:version⟧"',
    'msgid "Contact {name} at {email}"\nmsgstr "Contact {name} at {email}"\n#: src/profile.py:⟦D:build_number⟧',
    '"sample_user": "⟦L:placeholder_person:Jane Doe⟧", "sample_email": "⟦D:role_or_reserved_email⟧", "sample_card": "⟦L:test_card:4111 1111 1111 1111⟧"',
    '"assistant_name": "⟦L:product:Amelia⟧", "greeting": "Hi, I\'m ⟦L:product:Amelia⟧. How can I help?"',
)
f(
    "ui_strings",
    "de",
    'msgid "Hello %s"\nmsgstr "Hallo %s, Ihre Bestellung %s ist unterwegs"',
    '"footer": "© 2026 ⟦L:company:Schwarzkopf⟧ GmbH · Impressum · ⟦D:role_or_reserved_email⟧"',
)
f(
    "ui_strings",
    "fr",
    'msgid "Dear {title} {last_name}"\nmsgstr "Cher·e {title} {last_name}, votre rendez-vous du {date} est confirmé"',
)
f(
    "ui_strings",
    "ja",
    '"greeting": "{name}様、ご注文 {order_id} を発送しました", "build": "⟦D:version⟧"',
)
f(
    "ui_strings",
    "es",
    '"example_name": "⟦L:placeholder_person:Juan Español⟧", "placeholder_iban": "⟦L:placeholder_secret:ES00 0000 0000 0000 0000 0000⟧", "help": "Escriba su {dni}"',
)
f(
    "ui_strings",
    "tr",
    '"welcome": "Hoş geldin {{ad}}!", "support": "⟦D:role_or_reserved_email⟧", "app": "⟦L:product:Bixby⟧ ⟦D:version⟧"',
)
f(
    "ui_strings",
    "pl",
    'msgid "Signed in as %(username)s"\nmsgstr "Zalogowano jako %(username)s"',
)
f(
    "ui_strings",
    "en",
    'strings.xml: <string name="owner_label">Owner: %1$s</string> <string name="maps_default">⟦D:coordinates⟧</string>',
)

# ------------------------------------------------------------ invoices
f(
    "invoice",
    "en",
    "INVOICE ⟦D:invoice_id⟧\nBill to: ⟦NAME⟧, ⟦ADDR:gb⟧\nItem: ⟦L:product:Aston Martin Vantage⟧ floor mats ⟦D:sku⟧ × 1\nPay to IBAN ⟦IBAN:GB⟧",
    "INVOICE ⟦D:invoice_id⟧ · ⟦L:company:Goldman Sachs⟧ Facilities · PO ⟦D:order_number⟧ · Net 30 · VAT GB⟦D:build_number⟧",
    "Receipt ⟦D:order_number⟧ — ⟦L:product:Ben & Jerry's⟧ ×3, ⟦L:product:Dr Pepper⟧ ×2 — paid with card ending 4242",
    "Statement for ⟦NAME⟧ — account ⟦D:ticket_number⟧ — direct debit from ⟦IBAN⟧ on ⟦D:event_date⟧",
    "Freelance invoice ⟦D:invoice_id⟧\nFrom: ⟦NAME⟧, ⟦ADDR:us⟧, SSN ⟦NID:US_SSN⟧\nTo: ⟦L:company:Boeing⟧ Procurement",
)
f(
    "invoice",
    "de",
    "Rechnung ⟦D:invoice_id⟧\nRechnungsempfänger: ⟦NAME⟧, ⟦ADDR:de⟧\nSteuer-ID: ⟦NID:DE_TAX_ID⟧\nBankverbindung: ⟦IBAN:DE⟧",
    "Rechnung ⟦D:invoice_id⟧ · ⟦L:company:Porsche⟧ Zentrum ⟦L:place:Sankt Pölten⟧ · Fahrzeug ⟦L:product:Porsche Cayenne⟧ · Auftrag ⟦D:order_number⟧",
)
f(
    "invoice",
    "fr",
    "Facture ⟦D:invoice_id⟧ — Client : ⟦NAME⟧, ⟦ADDR:fr⟧ — Règlement par virement ⟦IBAN:FR⟧",
    "Facture ⟦D:invoice_id⟧ — ⟦L:company:Hermès⟧ — article ⟦D:sku⟧ — total 1 250,00 € — code-barres ⟦D:barcode⟧",
)
f(
    "invoice",
    "it",
    "Fattura ⟦D:invoice_id⟧ intestata a ⟦NAME⟧, C.F. ⟦NID:IT_CF⟧, ⟦ADDR:it⟧",
    "Fattura ⟦D:invoice_id⟧ · ⟦L:company:Ferrero⟧ · ⟦L:company:Barilla⟧ · totale 842,10 € · ordine ⟦D:order_number⟧",
)
f(
    "invoice",
    "nl",
    "Factuur ⟦D:invoice_id⟧ aan ⟦NAME⟧, ⟦ADDR:nl⟧. Betaling op ⟦IBAN:NL⟧ o.v.v. ⟦D:order_number⟧.",
)
f(
    "invoice",
    "hu",
    "Számla ⟦D:invoice_id⟧ · Vevő: ⟦NAME⟧, ⟦ADDR:hu⟧ · Bankszámla: ⟦IBAN:HU⟧",
)
f(
    "invoice",
    "cs",
    "Faktura ⟦D:invoice_id⟧ · Odběratel: ⟦NAME⟧, ⟦ADDR:cz⟧ · IBAN ⟦IBAN:CZ⟧",
)
f(
    "invoice",
    "sv",
    "Faktura ⟦D:invoice_id⟧ till ⟦NAME⟧, ⟦ADDR:se⟧. Betala till ⟦IBAN:SE⟧ senast ⟦D:event_date⟧.",
)

# ------------------------------------------------------------ travel / identity statements
f(
    "identity",
    "en",
    "Traveller: ⟦UP⟧ · Passport ⟦PASS:GB⟧ · DOB ⟦DOB⟧ · Seat 14C · PNR ⟦D:ticket_number⟧",
    "Visa application ⟦D:uuid⟧: applicant ⟦NAME⟧ born ⟦DOB⟧, passport no. ⟦PASS:IN⟧, phone ⟦PHONE:IN⟧.",
    "Check-in list for ⟦L:place:Victoria⟧ conference: speakers from ⟦L:company:Ericsson⟧, ⟦L:company:Philips⟧ and ⟦L:company:Tata⟧; venue coordinates ⟦D:coordinates⟧.",
)
f(
    "identity",
    "en",
    "Nordic payroll import: ⟦NAME:@se⟧ HETU ⟦NID:FI_HETU⟧, ⟦NAME:@se⟧ fødselsnummer ⟦NID:NO_FNR⟧, CPR ⟦NID:DK_CPR⟧",
    "Belgian employee ⟦NAME⟧, national number ⟦NID:BE_NN⟧, IBAN ⟦IBAN:BE⟧",
)
f(
    "identity",
    "ja",
    "氏名：⟦NAME⟧ 旅券番号：⟦PASS:JP⟧ 生年月日：⟦DOB⟧ 住所：⟦ADDR:ja⟧",
)
f(
    "identity",
    "zh",
    "申请人：⟦NAME⟧，出生日期：⟦DOB⟧，身份证：⟦NID:CN_RIC⟧，邮箱：⟦EMAIL⟧",
)
f(
    "identity",
    "tr",
    "Yolcu: ⟦NAME⟧, pasaport ⟦PASS:TR⟧, doğum tarihi ⟦DOB⟧, adres ⟦ADDR:tr⟧",
)

# ------------------------------------------------------------ product / ops hard negatives
f(
    "ops_notes",
    "en",
    "Release ⟦D:version⟧ of ⟦L:library:Cassandra⟧ connector; tested with ⟦L:library:Kafka⟧ ⟦D:version⟧ on driver ⟦D:ip_like_version⟧. Checksum ⟦D:hash⟧.",
    "Hosts: gateway ⟦D:loopback_or_reserved_ip⟧, docs example ⟦D:documentation_ip⟧; NVIDIA driver ⟦D:ip_like_version⟧, CUDA ⟦D:version⟧.",
    "Warehouse ⟦L:place:Alexandria⟧ shipped 412 units of ⟦D:sku⟧; tracking ⟦D:tracking_number⟧, ⟦D:tracking_number⟧.",
    "Model card: fine-tuned ⟦L:product:Phi-3⟧ on ⟦L:library:Keras⟧ ⟦D:version⟧, lr ⟦D:float⟧, seed 1234, eval id ⟦D:uuid⟧.",
    "The ⟦L:eponym:a Bloom filter⟧ false-positive rate was ⟦D:float⟧; ⟦L:eponym:Huffman coding⟧ saved 18%. Run ⟦D:git_sha⟧.",
    "Pilot sites: ⟦L:place:Charleston⟧, ⟦L:place:Savannah⟧, ⟦L:place:Elizabeth⟧ (NJ) and ⟦L:place:Lincoln⟧; GPS ⟦D:coordinates⟧.",
    "Vendors shortlisted: ⟦L:company:Morgan Stanley⟧, ⟦L:company:Merck⟧, ⟦L:company:Kellogg's⟧. Contact ⟦D:role_or_reserved_email⟧.",
    "Sprint notes: migrate ⟦L:library:Hugo⟧ site to ⟦L:library:Jekyll⟧? ⟦L:library:Sphinx⟧ docs build #⟦D:build_number⟧ green.",
    "Meter reading ⟦D:meter_reading⟧; invoice ⟦D:invoice_id⟧; ISBN ⟦D:isbn⟧ for the manual.",
    "Image pushed: registry.local/ml/infer@⟦D:hash⟧ tag ⟦D:version⟧ at ⟦D:timestamp⟧.",
    "Trace ⟦D:uuid⟧ span ⟦D:git_sha⟧ duration ⟦D:float⟧ ms, agent version ⟦D:ip_like_version⟧",
    "Copyright (c) 2024 ⟦D:attribution_person⟧. Licensed under the Apache License, Version 2.0.",
    "Statistical tests: ⟦L:eponym:Pearson correlation⟧ 0.71, ⟦L:eponym:Spearman's rho⟧ 0.68; see ⟦L:eponym:Bayes' theorem⟧ appendix.",
    "Fleet: ⟦L:product:Toyota Corolla⟧ ×12, ⟦L:product:Peugeot 208⟧ ×4, ⟦L:product:Citroën Berlingo⟧ ×3; next service ⟦D:event_date⟧.",
    "Assistants compared: ⟦L:product:Cortana⟧, ⟦L:product:Bixby⟧, ⟦L:product:Salesforce Einstein⟧, ⟦L:product:Amelia⟧ — none passed ⟦L:eponym:the Turing test⟧.",
)
f(
    "ops_notes",
    "de",
    "Rollout ⟦D:version⟧ in ⟦L:place:Maria Enzersdorf⟧ abgeschlossen; Seriennummern ⟦D:sku⟧ bis ⟦D:sku⟧; Koordinaten ⟦D:coordinates⟧.",
    "Lieferanten: ⟦L:company:Heineken⟧, ⟦L:company:Carlsberg⟧, ⟦L:company:Adidas⟧. Rückfragen an ⟦D:role_or_reserved_email⟧.",
    "Zählerstand ⟦D:meter_reading⟧, Vertrag ⟦D:ticket_number⟧, Ablesung ⟦D:event_date⟧.",
)
f(
    "ops_notes",
    "fr",
    "Mise en production ⟦D:version⟧ à ⟦L:place:Marseille⟧ ; empreinte ⟦D:hash⟧ ; ticket ⟦D:ticket_number⟧.",
    "Parfums en stock : ⟦L:product:Chanel No. 5⟧, ⟦L:company:Louis Vuitton⟧, ⟦L:company:Hermès⟧ — réf. ⟦D:sku⟧.",
)
f(
    "ops_notes",
    "es",
    "Despliegue ⟦D:version⟧ en ⟦L:place:Santiago⟧ y ⟦L:place:San Diego⟧; pedido ⟦D:order_number⟧; código de barras ⟦D:barcode⟧.",
)
f(
    "ops_notes",
    "it",
    "Rilascio ⟦D:version⟧ per ⟦L:company:Benetton⟧ e ⟦L:company:Armani⟧; ⟦L:product:Maserati Ghibli⟧ in consegna a ⟦L:place:San Marino⟧.",
)
f(
    "ops_notes",
    "nl",
    "Uitrol ⟦D:version⟧ naar ⟦L:company:Philips⟧-locaties; ⟦L:product:Jarvis⟧ chatbot in ⟦L:place:Bergen⟧ (NH), run ⟦D:uuid⟧.",
)
f(
    "ops_notes",
    "pt",
    "Versão ⟦D:version⟧ em ⟦L:place:Florianópolis⟧ e ⟦L:place:São José⟧; rastreio ⟦D:tracking_number⟧.",
)
f(
    "ops_notes",
    "ja",
    "リリース ⟦D:version⟧：⟦L:company:Toyota⟧・⟦L:company:Honda⟧ 向け、ハッシュ ⟦D:git_sha⟧、座標 ⟦D:coordinates⟧。",
)
f(
    "ops_notes",
    "tr",
    "Sürüm ⟦D:version⟧ yayınlandı; ⟦L:company:Mahindra⟧ ve ⟦L:company:Suzuki⟧ bayileri; kargo ⟦D:tracking_number⟧.",
)
f(
    "ops_notes",
    "hu",
    "Kiadás ⟦D:version⟧, ⟦L:library:Grafana Loki⟧ riasztás ⟦D:timestamp⟧, ügynök verzió ⟦D:ip_like_version⟧.",
)
f(
    "ops_notes",
    "id",
    "Rilis ⟦D:version⟧ di ⟦L:place:Sydney⟧ dan ⟦L:place:Wellington⟧; pesanan ⟦D:order_number⟧; hash ⟦D:git_sha⟧.",
)
f(
    "ops_notes",
    "zh",
    "版本 ⟦D:version⟧ 已发布，镜像 ⟦D:hash⟧，驱动版本 ⟦D:ip_like_version⟧，订单 ⟦D:order_number⟧。",
)
f(
    "ops_notes",
    "ko",
    "버전 ⟦D:version⟧ 배포 완료, 커밋 ⟦D:git_sha⟧, 주문 ⟦D:order_number⟧, 좌표 ⟦D:coordinates⟧.",
)

# ------------------------------------------------------------ more secrets, wallets and cards
f(
    "code_review",
    "en",
    "> DATABASE_URL=⟦DBURL⟧\n⟦GIVEN⟧: please don't commit the .env, that's the live database",
    '```\nbroker_url = "⟦DBURL⟧"\n```\n⟦GIVEN⟧: move this to the vault, and rotate the password',
    "⟦GIVEN⟧: the Slack webhook bot token `⟦KEY:slack⟧` is in the notebook output, clear it",
    "Secret scanner: AWS key ⟦KEY:aws⟧ found in `deploy/terraform.tfvars` line 3 (commit ⟦D:git_sha⟧)",
    "⟦GIVEN⟧: example config is fine — `password: ⟦D:placeholder_secret⟧` and `token: ⟦D:placeholder_secret⟧` are placeholders",
)
f(
    "chat_log",
    "de",
    "[⟦D:timestamp⟧] ⟦GIVEN⟧: Spende gern an ⟦WALLET⟧ statt Blumen\n[⟦D:timestamp⟧] ⟦GIVEN⟧: 🙏",
    "⟦NAME⟧ (Teams) 11:20\nDer Zugang zur Test-DB: ⟦DBURL⟧ — bitte nur intern",
)
f(
    "chat_log",
    "en",
    "[⟦D:timestamp⟧] ⟦GIVEN⟧: paying for the group order, card ⟦CARD⟧ exp 11/28, don't screenshot\n[⟦D:timestamp⟧] ⟦GIVEN⟧: deleted",
    "[⟦D:timestamp⟧] ⟦GIVEN⟧: my wallet for the bounty is ⟦WALLET⟧\n[⟦D:timestamp⟧] mod-bot: reward queued, tx ⟦D:hash⟧",
)
f(
    "web_form",
    "fr",
    "Paiement refusé : titulaire ⟦UP⟧, carte ⟦CARD⟧, montant 89,90 €, commande ⟦D:order_number⟧",
)
f(
    "auth_log",
    "en",
    "⟦D:timestamp⟧ ERROR worker: cannot connect to ⟦DBURL⟧ (timeout after 30s)",
    "⟦D:timestamp⟧ api-gw: request with x-api-key=⟦KEY:google⟧ from ⟦IP⟧ rejected (quota)",
)
f(
    "invoice",
    "es",
    "Factura ⟦D:invoice_id⟧ · Cliente: ⟦NAME⟧ · Pago con tarjeta ⟦CARD⟧ · Dirección: ⟦ADDR:es⟧",
)
f(
    "web_form",
    "en",
    "donation_form: name=⟦NAME⟧; btc_refund_address=⟦WALLET⟧; amount=0.015; ref=⟦D:uuid⟧",
)

# ------------------------------------------------------------ longer notes in prose
f(
    "call_notes",
    "en",
    "Summary: ⟦NAME:f⟧ called on behalf of her father, ⟦NAME:m⟧, who moved to ⟦ADDR:us⟧ last month. She asked that statements go to her e-mail, ⟦EMAIL⟧, and gave his date of birth as ⟦DOB⟧ for verification. The account is on the ⟦L:product:Tory Burch⟧ rewards tier; no change to that.",
    "Callback list for Monday: ⟦NAME⟧ (⟦PHONE⟧) re ⟦D:ticket_number⟧; ⟦NAME⟧ (⟦PHONE⟧) re ⟦D:order_number⟧. ⟦L:place:Austin⟧ depot closed until ⟦D:event_date⟧.",
)
f(
    "call_notes",
    "it",
    "Nota chiamata: il sig. ⟦SUR:m⟧ segnala un addebito non riconosciuto sulla carta ⟦CARD⟧. Richiesto blocco. Ricontattare al ⟦PHONE⟧.",
)
f(
    "call_notes",
    "nl",
    "Gesprek met mevrouw ⟦SUR:f⟧: pakket ⟦D:tracking_number⟧ is bij de buren op ⟦ADDR:nl⟧ afgeleverd. Klant tevreden.",
)
f(
    "call_notes",
    "pl",
    "Notatka: pani ⟦NAME:f⟧ zgłasza zmianę adresu na ⟦ADDR:pl⟧, PESEL ⟦NID:PL_PESEL⟧. Zgłoszenie ⟦D:ticket_number⟧.",
)
f(
    "call_notes",
    "hu",
    "Hívás: ⟦NAME⟧ a ⟦D:order_number⟧ rendelésről érdeklődött; e-mail: ⟦EMAIL⟧.",
)
f(
    "appointment",
    "ko",
    "[예약 알림] ⟦NAME⟧님, ⟦D:event_date⟧ 오전 10시 진료 예약이 있습니다. 생년월일 ⟦DOB⟧ 확인 부탁드립니다. 문의: ⟦D:role_or_reserved_email⟧",
)
f(
    "appointment",
    "es",
    "Recordatorio: ⟦NAME⟧, tiene cita el ⟦D:event_date⟧ en el centro de salud de ⟦L:place:Santiago⟧. Fecha de nacimiento registrada: ⟦DOB⟧.",
)
f(
    "appointment",
    "pt",
    "Lembrete: ⟦GIVEN⟧, sua consulta é em ⟦D:event_date⟧. Documento cadastrado: CPF ⟦NID:BR_CPF⟧. Dúvidas: ⟦PHONE:BR⟧.",
)
f(
    "git_trailer",
    "en",
    "Handle empty shards in loader\n\nFixes: ⟦D:git_sha⟧\nReported-by: ⟦NAME⟧ <⟦EMAIL⟧>\nTested-by: ⟦NAME⟧ <⟦EMAIL⟧>",
    "Release ⟦D:version⟧\n\n* ⟦L:library:Prefect⟧ flow renamed\n* ⟦L:library:Dagster⟧ sensor fixed\n\nChange-Id: I⟦D:git_sha⟧",
)
f(
    "code_review",
    "en",
    "⟦GIVEN⟧ commented on `tests/fixtures/users.csv`:\n> ⟦NAME⟧,⟦EMAIL⟧,⟦PHONE⟧\nThis looks like a real customer row, please synthesize fixtures instead.",
    "⟦GIVEN⟧: `seed=⟦D:float⟧` plus ⟦L:eponym:Kullback-Leibler divergence⟧ as the loss — why not ⟦L:eponym:the Jaccard index⟧? Also bump ⟦L:library:Horovod⟧ to ⟦D:version⟧.",
)
f(
    "chat_log",
    "fr",
    "[⟦D:timestamp⟧] ⟦GIVEN⟧ : quelqu'un a le numéro de ⟦GIVEN⟧ ? c'est ⟦PHONE⟧ je crois\n[⟦D:timestamp⟧] ⟦GIVEN⟧ : merci !",
    "[⟦D:timestamp⟧] ⟦GIVEN⟧ : le ⟦L:product:Peugeot 208⟧ de la boîte est garé à ⟦L:place:Saint-Denis⟧, code parking ⟦D:sku⟧",
)
f(
    "chat_log",
    "it",
    "[⟦D:timestamp⟧] ⟦GIVEN⟧: ho caricato i dati di ⟦L:company:Ferrari⟧ su ⟦L:library:Grafana Loki⟧, run ⟦D:uuid⟧\n[⟦D:timestamp⟧] ⟦GIVEN⟧: grazie",
)
f(
    "web_form",
    "ja",
    "お名前：⟦NAME⟧\nメール：⟦EMAIL⟧\n電話番号：⟦PHONE:JP⟧\nお問い合わせ内容：⟦L:product:Toyota Corolla⟧ の試乗予約",
)
f(
    "invoice",
    "pl",
    "Faktura ⟦D:invoice_id⟧ · Nabywca: ⟦NAME⟧, ⟦ADDR:pl⟧ · Rachunek: ⟦IBAN:PL⟧",
)
f(
    "invoice",
    "tr",
    "Fatura ⟦D:invoice_id⟧ · Alıcı: ⟦NAME⟧ · Adres: ⟦ADDR:tr⟧ · IBAN: ⟦IBAN:TR⟧",
)
f(
    "auth_log",
    "en",
    "⟦D:timestamp⟧ sshd[⟦D:build_number⟧]: Invalid user ⟦L:library:jenkins⟧ from ⟦D:documentation_ip⟧ port 4022 (scanner test)",
    "⟦D:timestamp⟧ idp: MFA enrolled for ⟦EMAIL⟧ phone=⟦PHONE⟧ device=⟦D:uuid⟧",
)
f(
    "ops_notes",
    "pl",
    "Wydanie ⟦D:version⟧ dla ⟦L:company:Ericsson⟧ i ⟦L:company:Nestlé⟧; paczka ⟦D:tracking_number⟧; hash ⟦D:git_sha⟧.",
)
f(
    "ops_notes",
    "sv",
    "Release ⟦D:version⟧: ⟦L:product:Falcon 40B⟧ och ⟦L:product:Mistral Large⟧ testade i ⟦L:place:Bergen⟧, körning ⟦D:uuid⟧.",
)
f(
    "ops_notes",
    "cs",
    "Vydání ⟦D:version⟧, sklad ⟦L:place:Victoria⟧, položky ⟦D:sku⟧ a ⟦D:sku⟧, EAN ⟦D:barcode⟧.",
)
