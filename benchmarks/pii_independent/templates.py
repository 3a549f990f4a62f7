# ruff: noqa: E501
"""Hand-written sentence frames, by style and language.

Placeholders in braces are filled by ``generate.py``. Labelled ones: NAME, NAME2 (full
names of two people), GIVEN, SUR, GIVEN2, SUR2 (parts of them), NAME_INV ("Surname,
Given"), NAME_UP (surname in capitals), EMAIL, EMAIL2, PHONE, PHONE2, IP, MAC, CARD, IBAN,
NID (the national id used where the text's language is spoken), SSN, NINO, PASSPORT, DOB,
ADDR, KEY, PASS, WALLET, CREDURL. Look-alikes, never labelled, start with "~": ~PRODUCT,
~COMPANY, ~PLACE, ~LIB, ~EPONYM, ~VERSION, ~BUILD, ~ORDER, ~TRACKING, ~INVOICE,
~UUID, ~SHA, ~DIGEST, ~TS, ~DATE (an event date), ~LOOPIP, ~DOCIP, ~FLOAT, ~ROLEMAIL, ~URL,
~EXKEY (placeholder or documented example secret), ~TICKET, ~ISBN, ~LICENSE (a copyright
line: an organisation, or a person's name as public attribution), and {~=word}: a literal
word that is also a given name ("Will", "Hope"), used as an ordinary word.

A literal person's name never appears in a frame; every name comes from a placeholder.
"""

from __future__ import annotations

T = dict[tuple[str, str], list[str]]

TEMPLATES: T = {
    # ------------------------------------------------------------------ English
    ("support_ticket", "en"): [
        "Ticket {~TICKET} opened by {NAME} ({EMAIL}). Customer says the {~PRODUCT} integration stopped syncing after the update to {~VERSION}. Callback number: {PHONE}.",
        "{%F1}Hi team, {GIVEN} {SUR} called again about order {~ORDER}. Package {~TRACKING} shows delivered but she never got it. Please ship a replacement to {ADDR}.",
        "Subject: refund request\nCustomer: {NAME_INV}\nCard on file: {CARD}\nReason: charged twice for invoice {~INVOICE} on {~DATE}.",
        "User {EMAIL} reports login failures from {IP}. Account locked after 5 attempts at {~TS}. Asked them to reset the password; the MFA device was {~PRODUCT} on iOS.",
        "{%F1}Escalation: {NAME} says our {~COMPANY} SSO connector leaks her session. Repro attached, build {~BUILD}. Contact her at {PHONE} before 5pm ET.",
        "Priority: high. The caller gave SSN {SSN} to verify identity, which we should not store in tickets. Caller: {NAME}, DOB {DOB}. Please purge after verification.",
        "{%F1}Can someone help {GIVEN}? She pasted her API key {KEY} in the public chat while debugging {~LIB}. Rotate it and tell her at {EMAIL}.",
        "Ticket {~TICKET}: router with MAC {MAC} keeps dropping. Customer {NAME} at {ADDR} tried a factory reset. Firmware {~VERSION}, serial in the photo.",
        "Customer cannot pay invoice {~INVOICE}: IBAN {IBAN} rejected by the bank. Account holder {NAME}. Ref {~UUID}.",
    ],
    ("support_ticket_neg", "en"): [
        "Ticket {~TICKET}: the {~PRODUCT} plugin crashes on {~VERSION} when the proxy is {~LOOPIP}:3128. Build {~BUILD}, commit {~SHA}.",
        "Order {~ORDER} was shipped with {~TRACKING} on {~DATE}. Invoice {~INVOICE} attached. Nothing else needed from the customer.",
        "Known issue with {~COMPANY} SAML metadata: the certificate digest {~DIGEST} no longer matches. Workaround in {~URL}.",
        "Please forward to {~ROLEMAIL}. The {~PLACE} office reports that {~PRODUCT} and {~PRODUCT} both time out against {~DOCIP}.",
        "Reopened {~TICKET}: the export still lists {~FLOAT} as the threshold, expected 0.5. Request id {~UUID} at {~TS}.",
    ],
    ("chat", "en"): [
        "[{~TS}] <{GIVEN}> can you send me the prod db url?\n[{~TS}] <{GIVEN2}> sure: {CREDURL}\n[{~TS}] <{GIVEN}> thx, deleting this msg in a sec",
        "{GIVEN}: my new number is {PHONE}, the old one died with my phone\n{GIVEN2}: saved! btw did {~PRODUCT} fix the calendar bug?\n{GIVEN}: lol no",
        "{NAME} joined the channel.\n{GIVEN}: hey all, I'm taking over the {~LIB} migration from {NAME2}. ping me at {EMAIL}",
        "{%F2}> anyone know whose laptop is {MAC}? it's hammering the VPN from {IP}\n> that's {GIVEN2}'s, I'll tell her",
        "{GIVEN2}: pls don't paste tokens here\n{GIVEN}: oops, that was {KEY}, revoking now\n{GIVEN2}: ty",
        "{GIVEN}: moving to {ADDR} next month!! housewarming on the 14th\n{GIVEN2}: congrats 🎉 is {~PLACE} far from the office?",
        "{GIVEN}: who's {NAME2}?\n{GIVEN2}: new PM, started monday, sits next to {~PRODUCT} (the coffee machine, not the bot)",
        "[{~TS}] {GIVEN}: lunch? [{~TS}] {GIVEN2}: can't, dentist. text me on {PHONE2}",
    ],
    ("chat_neg", "en"): [
        "[{~TS}] <bot> deploy {~SHA} to staging finished in 4m12s\n[{~TS}] <bot> {~PRODUCT} health check on {~LOOPIP}:8080 OK",
        "did anyone try {~PRODUCT} vs {~PRODUCT} for summarising tickets? {~PRODUCT} hallucinated an order number ({~ORDER}) lol",
        "{~=Will} this work with {~LIB} {~VERSION}? the changelog says {~EPONYM} got faster. {~=Hope} so",
        "standup moved to 10:30. {~COMPANY} audit prep in the {~PLACE} room. bring laptops",
        "the loss is stuck at {~FLOAT} since epoch 3, lr 3e-4, seed 1337, run {~UUID}",
        "{~=Mark} the ticket as done and {~=Grant} read access to the {~PLACE} team, the {~COMPANY} folks need it by {~DATE}",
        "{~=Hope} the {~=June} release of {~PRODUCT} fixes {~TICKET}; {~=Will} check on {~LOOPIP} after lunch",
    ],
    ("email", "en"): [
        "From: {NAME} <{EMAIL}>\nTo: {NAME2} <{EMAIL2}>\nSubject: Re: onboarding\n\nHi {GIVEN2},\n\nthanks for the call. My direct line is {PHONE}; I'm in the office Tuesdays and Thursdays.\n\nBest,\n{GIVEN}",
        "Dear {NAME2},\n\nPlease find attached the signed lease for {ADDR}. The deposit will be paid from IBAN {IBAN}.\n\nKind regards,\n{NAME}\n{PHONE}",
        "{%M1}Hello,\n\nI'm writing on behalf of my father, {NAME} (born {DOB}), who is a patient of Dr. {SUR2}. Could you send the records to {EMAIL}?\n\nThank you",
        "Hi {GIVEN},\n\nthe new API key for the reporting job is {KEY}. Please store it in the vault, not in {~PRODUCT} notes. It expires on {~DATE}.\n\n{GIVEN2}",
        "{GIVEN},\n\nAs requested, my passport number is {PASSPORT} and my national insurance number {NINO}. Travel dates are in the {~COMPANY} portal.\n\nCheers,\n{NAME}",
        "Good morning Ms. {SUR},\n\nyour package {~TRACKING} from {~COMPANY} could not be delivered to {ADDR}. Please call {PHONE2} to arrange a new date.\n\n{~ROLEMAIL}",
        "Hi {GIVEN2}, quick one: the wallet for the conference refund is {WALLET}. I also sent {NAME} the slides from {~PLACE}.\n\nSent from my {~PRODUCT}",
    ],
    ("email_neg", "en"): [
        "From: {~ROLEMAIL}\nSubject: Your {~COMPANY} receipt {~INVOICE}\n\nThanks for your order {~ORDER}. Track it at {~URL}.\n\nThis mailbox is not monitored.",
        "Hello team,\n\nthe {~PRODUCT} pilot ends on {~DATE}. Results: {~EPONYM} beats the baseline on 7 of 9 tasks. The notebook is at {~URL} (commit {~SHA}).\n\nThanks all",
        "Reminder: the {~PLACE} and {~PLACE} offices close early on {~DATE}. {~COMPANY} auditors arrive at 9:00.",
        "Release {~VERSION} is out. Checksums: {~DIGEST}. Report problems to {~ROLEMAIL}.",
        "Hi all,\n\n{~=Frank} feedback welcome on the {~PRODUCT} rollout. {~=Bill} of materials for build {~BUILD} is attached; the {~=August} freeze starts on {~DATE}.\n\nRelease team",
    ],
    ("clinical_note", "en"): [
        "Patient: {NAME_INV}   DOB: {DOB}   MRN {~ORDER}\nS: 54yo presents with intermittent chest pain x3d. O: BP 142/91, HR 88. A/P: ECG, troponin, f/u with Dr. {SUR2} in 2 wks.",
        "{%F2}Pt {NAME} (born {DOB}) seen in clinic. Lives at {ADDR} with spouse. Emergency contact: daughter {NAME2}, {PHONE}.",
        "Discharge summary — {NAME}, SSN {SSN}. Admitted {~DATE}, discharged {~DATE}. Meds: metformin 500 mg bid. Follow-up: {~PLACE} Medical Center.",
        "Referral: Ms {SUR} ({DOB}) to physiotherapy for post-op knee rehab. Insurance card {~ORDER}. Pt prefers contact via {EMAIL}.",
        "{%F1}{%M2}Nursing note {~TS}: {GIVEN} refused evening meds, asked for her son {NAME2} ({PHONE2}). Vitals stable.",
    ],
    ("clinical_note_neg", "en"): [
        "Protocol v{~VERSION}: dosing per {~EPONYM} model. Sample ids {~UUID}, {~UUID}. Assay lot {~ORDER}.",
        "Department meeting {~DATE}: {~COMPANY} will supply the new infusion pumps (firmware {~VERSION}). Pilot ward in {~PLACE}.",
    ],
    ("hr_letter", "en"): [
        "Dear {NAME},\n\nWe are pleased to offer you the position of Data Engineer, starting {~DATE}. Your salary will be paid to IBAN {IBAN}. Please bring your passport ({PASSPORT}) on your first day.\n\nSincerely,\n{NAME2}\nHead of People",
        "To whom it may concern,\n\nthis is to confirm that {NAME}, born {DOB}, residing at {ADDR}, has been employed by us since {~DATE}.\n\n{NAME2}, HR",
        "Employee record update\nName: {NAME_UP}\nNI number: {NINO}\nPhone: {PHONE}\nPersonal e-mail: {EMAIL}\nManager: {NAME2}",
        "Hi {GIVEN}, your payslip for March is ready. We noticed your bank details changed to {IBAN}; if this was not you, call {PHONE2} immediately.",
        "{%F1}Reference letter: I managed {NAME} for three years at {~COMPANY} in {~PLACE}. {GIVEN} led the {~LIB} rewrite and mentored two juniors.",
    ],
    ("hr_letter_neg", "en"): [
        "Policy update {~DATE}: employees may expense {~PRODUCT} subscriptions up to $20. Questions to {~ROLEMAIL}.",
        "The {~COMPANY} benefits portal moves to {~URL} on {~DATE}. Your login stays the same.",
    ],
    ("log", "en"): [
        '{~TS} INFO auth: login ok user={EMAIL} src={IP} ua="{~PRODUCT}/{~VERSION}"',
        "{~TS} WARN dhcp: lease 3600s to {MAC} ({IP}), owner {NAME}",
        "{~TS} ERROR payment: declined card={CARD} amount=49.90 order={~ORDER} request_id={~UUID}",
        '{IP} - - [{~TS}] "GET /api/v1/users/{~UUID}?email={EMAIL} HTTP/1.1" 200 512 "-" "Mozilla/5.0"',
        "{~TS} DEBUG db: connecting with dsn={CREDURL} pool=5",
        '{~TS} INFO signup: new account name="{NAME}" phone={PHONE} country=US',
        "{~TS} WARN secrets: found token {KEY} in env dump of job {~UUID}",
        "{~TS} ERROR kyc: document check failed for ssn={SSN} dob={DOB} ref={~TICKET}",
    ],
    ("log_neg", "en"): [
        "{~TS} INFO server: listening on {~LOOPIP}:8000 (pid 4312, {~LIB} {~VERSION})",
        "{~TS} INFO build: {~BUILD} finished, artifact {~DIGEST}",
        "{~TS} WARN loader: checksum mismatch for shard {~UUID}: expected {~SHA}",
        "{~TS} INFO metrics: loss={~FLOAT} acc=0.9134 step=12000 version={~VERSION}",
        "{~TS} DEBUG net: route to {~DOCIP} via {~DOCIP} metric 100",
        "{~TS} INFO mail: sent digest to {~ROLEMAIL} ({~ORDER})",
        "{~TS} INFO {~PRODUCT}: model {~PRODUCT}-{~VERSION} loaded from cache {~DIGEST}",
    ],
    ("code_comment", "en"): [
        '# TODO({GIVEN}): remove before release, temporary key for the staging bucket\nAWS_SECRET = "{KEY}"',
        "// reported by {NAME} <{EMAIL}>: crash when the locale is tr_TR\nfunction normalize(s) {{ return s.toLocaleLowerCase(); }}",
        '# test fixture copied from prod (ask {GIVEN2} before sharing!)\nrow = {{"name": "{NAME}", "iban": "{IBAN}", "phone": "{PHONE}"}}',
        '/* FIXME: hard-coded admin password, see ticket {~TICKET} */\nconst ADMIN_PASSWORD = "{PASS}";',
        'DATABASE_URL = "{CREDURL}"  # {GIVEN} said this is only the read replica',
        "# sample customer for the demo: {NAME}, {ADDR}, card {CARD}",
    ],
    ("code_comment_neg", "en"): [
        "# Copyright (c) {~LICENSE}\n# Licensed under the Apache License, Version 2.0\nimport torch  # {~LIB} {~VERSION}",
        "# uses {~EPONYM}; see {~URL}\nAPI_KEY = {~EXKEY}  # set in the environment, never here",
        "// bind to {~LOOPIP} only; the proxy on {~DOCIP} forwards\nconst PORT = 8080; // {~TICKET}",
        "# expected digest {~DIGEST}\nEPS = {~FLOAT}\nSEED = 1234567890",
        '"""Wrapper around {~LIB}. Tested with {~VERSION} on {~PRODUCT}."""',
        '# contact: {~ROLEMAIL}\n# token = "{~EXKEY}"  (placeholder, replaced by CI)',
    ],
    ("commit_message", "en"): [
        "Fix crash on non-ASCII e-mails\n\nThe importer choked on {EMAIL} from the customer export; normalise with NFC first.\n\nFixes {~TICKET}",
        "Remove leaked credentials\n\nThe config committed in {~SHA} held {KEY}. Rotated; history will be rewritten.",
        "{%F1}Add regression test for {NAME}'s bug report\n\nShe saw the phone field reformat {PHONE} into scientific notation.",
        'Revert "use prod dump for tests"\n\nThe dump contained real rows (e.g. {NAME}, {DOB}, {ADDR}). Use the synthetic set.',
    ],
    ("commit_message_neg", "en"): [
        "Bump {~LIB} from {~VERSION} to {~VERSION}\n\nRelease notes: {~URL}\nSigned-off-by: dependabot[bot] <support@github.com>",
        "Speed up {~EPONYM} by caching the cost matrix\n\nBenchmarks on {~PRODUCT}: 2.3x. See {~TICKET}.",
        "Merge branch 'release/{~VERSION}' into main ({~SHA})",
        "Handle {~LOOPIP} in the health check; timeouts were {~FLOAT} s",
    ],
    ("csv_line", "en"): [
        "id,name,email,phone,dob\n{~ORDER},{NAME},{EMAIL},{PHONE},{DOB}",
        '"{NAME_INV}","{ADDR}",{SSN},{~DATE},active',
        "{~UUID};{NAME};{IBAN};{~INVOICE};paid",
        "{~TS},{IP},{MAC},{EMAIL},login",
        "customer_id,full_name,card_number\n{~ORDER},{NAME},{CARD}",
    ],
    ("csv_line_neg", "en"): [
        "sku,product,version,build\n{~ORDER},{~PRODUCT},{~VERSION},{~BUILD}",
        "{~UUID},{~SHA},{~TS},{~FLOAT},ok",
        "{~INVOICE},{~COMPANY},{~PLACE},{~DATE},1299.00",
        "host,ip,port\nlocalhost,{~LOOPIP},5432\ndocs,{~DOCIP},443",
    ],
    ("forum_post", "en"): [
        "Has anyone else had trouble with {~COMPANY} support? I'm {NAME}, I live at {ADDR}, and my replacement laptop has been 'in transit' ({~TRACKING}) for three weeks. Feel free to DM me or call {PHONE}.",
        "Selling my old {~PRODUCT} speaker, barely used. Pick up in {~PLACE} or I ship. Email {EMAIL} — {GIVEN}",
        "PSA: a scammer named {NAME} asked me to send crypto to {WALLET}. Don't.",
        "Update: {~LIB} {~VERSION} fixed it. Thanks to {NAME2} for pointing me at {~EPONYM}!",
        "Lost dog near {~PLACE} park, answers to Max. Owner {GIVEN} {SUR}, {PHONE}.",
    ],
    ("forum_post_neg", "en"): [
        "Re: {~PRODUCT} vs {~PRODUCT} — I benchmarked both on {~LIB}. {~PRODUCT} wins on latency, {~PRODUCT} on accuracy ({~FLOAT} vs 0.81). Specs: driver {~VERSION}.",
        "Anyone going to the {~COMPANY} meetup in {~PLACE} on {~DATE}? Slides will be at {~URL}.",
        "For those asking: {~VERSION} is not an IP, it's the Windows build. Set the DNS to {~DOCIP} in the lab only.",
        "{~=Will} someone explain {~EPONYM}? The textbook (ISBN {~ISBN}) is confusing. {~=Frank} answers welcome.",
    ],
    # ------------------------------------------------------------------ German
    ("support_ticket", "de"): [
        "Ticket {~TICKET}: Frau {SUR} meldet, dass die Lieferung {~TRACKING} nicht angekommen ist. Lieferadresse: {ADDR}. Rückruf unter {PHONE}.",
        "Kunde {NAME} ({EMAIL}) bittet um Erstattung der Rechnung {~INVOICE}. Bankverbindung: {IBAN}.",
        "Herr {SUR} hat seine Steuer-ID {NID} im Chat geschickt. Bitte aus dem Verlauf löschen. Rückfragen an {EMAIL}.",
        "Störung seit {~DATE}: Router {MAC} bei {NAME}, {ADDR}. Firmware {~VERSION}, Anschluss {~ORDER}.",
    ],
    ("support_ticket_neg", "de"): [
        "Ticket {~TICKET}: {~PRODUCT} stürzt unter {~VERSION} ab, sobald der Proxy {~LOOPIP} gesetzt ist. Build {~BUILD}.",
        "Bestellung {~ORDER} wurde am {~DATE} mit {~TRACKING} verschickt. Rechnung {~INVOICE} liegt bei.",
    ],
    ("email", "de"): [
        "Sehr geehrte Frau {SUR},\n\nanbei der unterschriebene Mietvertrag für die Wohnung in der {ADDR}. Die Kaution überweise ich von meinem Konto {IBAN}.\n\nMit freundlichen Grüßen\n{NAME}\nTel. {PHONE}",
        "Hallo {GIVEN2},\n\nmein Geburtsdatum ist der {DOB}, meine Steuer-ID lautet {NID}. Kannst du das an die Lohnbuchhaltung weitergeben?\n\nLG {GIVEN}",
        "Lieber {GIVEN},\n\ndanke für das Treffen in {~PLACE}. {NAME2} ist ab Montag unter {EMAIL2} erreichbar.\n\nViele Grüße",
        "Guten Tag,\n\nich bin {NAME}, geboren am {DOB}. Bitte senden Sie die Unterlagen an {EMAIL}.\n\nFreundliche Grüße",
    ],
    ("email_neg", "de"): [
        "Hallo zusammen,\n\ndas {~PRODUCT}-Update {~VERSION} kommt am {~DATE}. Die Kollegen von {~COMPANY} in {~PLACE} testen vorher.\n\nGruß, das IT-Team",
        "Ihre Bestellung {~ORDER} bei {~COMPANY}: Sendungsnummer {~TRACKING}. Diese E-Mail wurde automatisch von {~ROLEMAIL} versendet.",
    ],
    ("hr_letter", "de"): [
        "Arbeitsbescheinigung\n\nHiermit bestätigen wir, dass {NAME}, geb. {DOB}, wohnhaft {ADDR}, seit dem {~DATE} bei uns beschäftigt ist.\n\n{NAME2}\nPersonalabteilung",
        "Personalbogen\nName: {NAME_INV}\nSteuer-IdNr.: {NID}\nIBAN: {IBAN}\nTelefon: {PHONE}\nE-Mail: {EMAIL}",
        "Sehr geehrter Herr {SUR},\n\nwir freuen uns, Ihnen die Stelle als Data Scientist anbieten zu können. Bitte bringen Sie Ihren Reisepass (Nr. {PASSPORT}) zum ersten Arbeitstag mit.\n\n{NAME2}",
    ],
    ("clinical_note", "de"): [
        "{%F1}Patientin: {NAME_INV}, geb. {DOB}\nAnamnese: seit 3 Tagen Fieber, Husten. Befund: RR 130/85. Procedere: Röntgen Thorax, Kontrolle bei Dr. {SUR2}.",
        "{%F2}Pat. {NAME}, {ADDR}. Angehörige: Tochter {NAME2}, Tel. {PHONE}. Entlassung am {~DATE}.",
    ],
    ("clinical_note_neg", "de"): [
        "Gerät {~PRODUCT} (Firmware {~VERSION}) im Stationszimmer {~PLACE} getauscht. Wartungsauftrag {~ORDER}.",
    ],
    ("chat", "de"): [
        "{GIVEN}: meine neue Nummer ist {PHONE}\n{GIVEN2}: gespeichert 👍 kommst du morgen nach {~PLACE}?",
        "{GIVEN2}: bitte keine Passwörter in den Kanal\n{GIVEN}: sorry, das war {PASS}, ändere ich gleich",
        "{%F2}{GIVEN}: wer ist eigentlich {NAME2}?\n{GIVEN2}: die neue Teamleiterin, kommt von {~COMPANY}",
    ],
    ("chat_neg", "de"): [
        "hat jemand {~PRODUCT} mit {~LIB} {~VERSION} probiert? bei mir hängt es auf {~LOOPIP}",
        "Meeting verschoben auf {~DATE}, Raum {~PLACE}. {~COMPANY} kommt um 10.",
    ],
    ("log", "de"): [
        "{~TS} INFO Anmeldung erfolgreich benutzer={EMAIL} ip={IP}",
        "{~TS} FEHLER Zahlung abgelehnt iban={IBAN} bestellung={~ORDER}",
    ],
    ("forum_post", "de"): [
        "Verkaufe mein altes {~PRODUCT}, kaum benutzt. Abholung in {~PLACE}. Meldet euch unter {PHONE} – {GIVEN}",
        "Achtung Betrug: ein gewisser {NAME} verlangt Zahlung an {WALLET}. Bitte nicht überweisen!",
    ],
    ("forum_post_neg", "de"): [
        "Kann jemand {~EPONYM} erklären? Ich verstehe das Beispiel mit {~LIB} {~VERSION} nicht.",
        "{~VERSION} ist keine IP-Adresse, sondern die Build-Nummer von Windows. Der DNS-Server ist {~DOCIP}.",
    ],
    # ------------------------------------------------------------------ French
    ("support_ticket", "fr"): [
        "Ticket {~TICKET} : Mme {SUR} signale que le colis {~TRACKING} n'est jamais arrivé au {ADDR}. La rappeler au {PHONE}.",
        "Le client {NAME} ({EMAIL}) demande le remboursement de la facture {~INVOICE} sur son compte {IBAN}.",
        "M. {SUR} a envoyé son numéro de sécurité sociale {NID} par e-mail. Merci de le supprimer du dossier.",
    ],
    ("support_ticket_neg", "fr"): [
        "Ticket {~TICKET} : {~PRODUCT} plante en version {~VERSION} derrière le proxy {~LOOPIP}. Build {~BUILD}.",
        "Commande {~ORDER} expédiée le {~DATE}, suivi {~TRACKING}. Facture {~INVOICE} jointe.",
    ],
    ("email", "fr"): [
        "Bonjour {GIVEN2},\n\nJe vous confirme mon changement d'adresse : {ADDR}. Mon nouveau numéro est le {PHONE}.\n\nCordialement,\n{NAME}",
        "Madame {SUR2},\n\nVeuillez trouver ci-joint mon RIB (IBAN {IBAN}) pour le remboursement.\n\nBien à vous,\n{NAME}",
        "Salut {GIVEN},\n\n{NAME2} arrive lundi de {~PLACE}. Tu peux lui écrire à {EMAIL2}.\n\nÀ plus",
        "Bonjour,\n\nje soussigné {NAME}, né le {DOB}, demande la copie de mon dossier. Réponse à {EMAIL} svp.\n\nMerci",
    ],
    ("email_neg", "fr"): [
        "Bonjour à tous,\n\nla mise à jour {~VERSION} de {~PRODUCT} sera déployée le {~DATE}. L'équipe {~COMPANY} de {~PLACE} fera les tests.\n\nL'équipe informatique",
    ],
    ("hr_letter", "fr"): [
        "Attestation employeur\n\nNous certifions que {NAME}, né(e) le {DOB}, demeurant {ADDR}, est employé(e) chez nous depuis le {~DATE}.\n\n{NAME2}, DRH",
        "Fiche salarié\nNom : {NAME_UP}\nN° de sécurité sociale : {NID}\nIBAN : {IBAN}\nTél. : {PHONE}",
    ],
    ("clinical_note", "fr"): [
        "Patient : {NAME_INV}, né le {DOB}. Motif : douleur thoracique depuis 48 h. Examen : TA 14/9. Conduite : ECG, revoir avec le Dr {SUR2}.",
        "Mme {NAME}, {ADDR}. Personne à prévenir : {NAME2}, {PHONE2}.",
    ],
    ("chat", "fr"): [
        "{GIVEN} : mon nouveau numéro c'est le {PHONE}\n{GIVEN2} : ok noté ! tu viens à {~PLACE} demain ?",
        "{%F2}{GIVEN2} : qui est {NAME2} ?\n{GIVEN} : la nouvelle cheffe de projet, elle vient de chez {~COMPANY}",
    ],
    ("chat_neg", "fr"): [
        "quelqu'un a testé {~PRODUCT} avec {~LIB} {~VERSION} ? ça bloque sur {~LOOPIP} chez moi",
    ],
    ("forum_post", "fr"): [
        "Je vends mon ancien {~PRODUCT}, très bon état. Remise en main propre à {~PLACE}. Contact : {EMAIL} ({GIVEN})",
    ],
    ("forum_post_neg", "fr"): [
        "Quelqu'un peut expliquer {~EPONYM} ? L'exemple avec {~LIB} {~VERSION} ne marche pas chez moi.",
    ],
    # ------------------------------------------------------------------ Spanish
    ("support_ticket", "es"): [
        "Incidencia {~TICKET}: la Sra. {SUR} indica que el pedido {~ORDER} no llegó a {ADDR}. Llamar al {PHONE}.",
        "El cliente {NAME} ({EMAIL}) solicita el reembolso de la factura {~INVOICE} a la cuenta {IBAN}.",
        "D. {NAME} envió su DNI {NID} por chat para verificar la cuenta. Borrar del historial.",
    ],
    ("support_ticket_neg", "es"): [
        "Incidencia {~TICKET}: {~PRODUCT} falla con la versión {~VERSION} tras el proxy {~LOOPIP}. Build {~BUILD}.",
    ],
    ("email", "es"): [
        "Hola {GIVEN2}:\n\nTe paso mis datos para el contrato: {NAME}, DNI {NID}, domicilio en {ADDR}, teléfono {PHONE}.\n\nUn saludo",
        "Estimado Sr. {SUR2}:\n\nLe adjunto el justificante de la transferencia desde la cuenta {IBAN}.\n\nAtentamente,\n{NAME}",
        "Buenos días,\n\nsoy {NAME}, nacida el {DOB}. Por favor envíen la documentación a {EMAIL}.\n\nGracias",
    ],
    ("email_neg", "es"): [
        "Hola a todos:\n\nla actualización {~VERSION} de {~PRODUCT} se instala el {~DATE}. El equipo de {~COMPANY} en {~PLACE} la probará antes.\n\nSoporte",
    ],
    ("hr_letter", "es"): [
        "Certificado de empresa\n\nCertificamos que {NAME}, nacido el {DOB}, con domicilio en {ADDR}, trabaja en nuestra empresa desde el {~DATE}.\n\n{NAME2}, RR. HH.",
        "Ficha de empleado\nNombre: {NAME_INV}\nNIE: {NID}\nCuenta: {IBAN}\nMóvil: {PHONE}",
    ],
    ("clinical_note", "es"): [
        "Paciente: {NAME_INV}, fecha de nacimiento {DOB}. Motivo: fiebre y tos de 3 días. Plan: radiografía, control con la Dra. {SUR2}.",
    ],
    ("chat", "es"): [
        "{GIVEN}: mi número nuevo es {PHONE}\n{GIVEN2}: guardado! vienes mañana a {~PLACE}?",
    ],
    ("chat_neg", "es"): [
        "alguien ha probado {~PRODUCT} con {~LIB} {~VERSION}? se me cuelga en {~LOOPIP}",
    ],
    ("forum_post", "es"): [
        "Vendo mi {~PRODUCT} usado, en perfecto estado. Entrega en {~PLACE}. Escribidme a {EMAIL} — {GIVEN}",
    ],
    # ------------------------------------------------------------------ Italian
    ("support_ticket", "it"): [
        "Ticket {~TICKET}: la sig.ra {SUR} segnala che il pacco {~TRACKING} non è arrivato in {ADDR}. Richiamare al {PHONE}.",
        "Il cliente {NAME} ({EMAIL}) chiede il rimborso della fattura {~INVOICE} sull'IBAN {IBAN}.",
        "Il sig. {SUR} ha inviato il codice fiscale {NID} in chiaro. Cancellare dalla conversazione.",
    ],
    ("support_ticket_neg", "it"): [
        "Ticket {~TICKET}: {~PRODUCT} si blocca con la versione {~VERSION} dietro al proxy {~LOOPIP}.",
    ],
    ("email", "it"): [
        "Gentile dott.ssa {SUR2},\n\nle invio i miei dati: {NAME}, nato il {DOB}, codice fiscale {NID}, residente in {ADDR}.\n\nCordiali saluti",
        "Ciao {GIVEN2},\n\nil mio nuovo numero è {PHONE}. Ci vediamo a {~PLACE} giovedì?\n\n{GIVEN}",
    ],
    ("email_neg", "it"): [
        "Buongiorno a tutti,\n\nl'aggiornamento {~VERSION} di {~PRODUCT} sarà installato il {~DATE}. Il team {~COMPANY} di {~PLACE} farà i test.\n\nIT",
    ],
    ("hr_letter", "it"): [
        "Dichiarazione del datore di lavoro\n\nSi attesta che {NAME}, nato/a il {DOB}, residente in {ADDR}, è dipendente dal {~DATE}.\n\n{NAME2}, Ufficio Personale",
    ],
    ("clinical_note", "it"): [
        "Paziente: {NAME_INV}, nato il {DOB}. Motivo: dolore toracico da 2 giorni. Piano: ECG, controllo dal dott. {SUR2}.",
    ],
    ("chat", "it"): [
        "{GIVEN}: il mio numero nuovo è {PHONE}\n{GIVEN2}: salvato! vieni domani a {~PLACE}?",
    ],
    ("forum_post", "it"): [
        "Vendo il mio vecchio {~PRODUCT}, come nuovo. Ritiro a {~PLACE}. Scrivetemi a {EMAIL} — {GIVEN}",
    ],
    # ------------------------------------------------------------------ Dutch
    ("support_ticket", "nl"): [
        "Ticket {~TICKET}: mevrouw {SUR} meldt dat pakket {~TRACKING} niet is bezorgd op {ADDR}. Terugbellen op {PHONE}.",
        "Klant {NAME} ({EMAIL}) vraagt terugbetaling van factuur {~INVOICE} op rekening {IBAN}.",
        "Meneer {SUR} heeft zijn BSN {NID} in de chat gezet. Graag verwijderen.",
    ],
    ("support_ticket_neg", "nl"): [
        "Ticket {~TICKET}: {~PRODUCT} crasht met versie {~VERSION} achter proxy {~LOOPIP}.",
    ],
    ("email", "nl"): [
        "Beste {GIVEN2},\n\nMijn nieuwe adres is {ADDR} en mijn telefoonnummer {PHONE}.\n\nMet vriendelijke groet,\n{NAME}",
        "Geachte heer {SUR2},\n\nHierbij mijn gegevens: {NAME}, geboren op {DOB}, BSN {NID}.\n\nGroeten",
    ],
    ("email_neg", "nl"): [
        "Hallo allemaal,\n\nde update {~VERSION} van {~PRODUCT} komt op {~DATE}. {~COMPANY} in {~PLACE} test eerst.\n\nIT",
    ],
    ("hr_letter", "nl"): [
        "Werkgeversverklaring\n\nHierbij verklaren wij dat {NAME}, geboren op {DOB}, wonende te {ADDR}, sinds {~DATE} bij ons werkt.\n\n{NAME2}, HR",
    ],
    ("chat", "nl"): [
        "{GIVEN}: mijn nieuwe nummer is {PHONE}\n{GIVEN2}: opgeslagen! kom je morgen naar {~PLACE}?",
    ],
    ("forum_post", "nl"): [
        "Te koop: mijn oude {~PRODUCT}, zo goed als nieuw. Ophalen in {~PLACE}. Mail {EMAIL} — {GIVEN}",
    ],
    # ------------------------------------------------------------------ Portuguese
    ("support_ticket", "pt"): [
        "Chamado {~TICKET}: a Sra. {SUR} informa que a encomenda {~TRACKING} não chegou a {ADDR}. Ligar para {PHONE}.",
        "O cliente {NAME} ({EMAIL}) pede reembolso da fatura {~INVOICE} para o IBAN {IBAN}.",
        "O Sr. {SUR} enviou o CPF {NID} pelo chat. Apagar do histórico.",
    ],
    ("support_ticket_neg", "pt"): [
        "Chamado {~TICKET}: o {~PRODUCT} trava na versão {~VERSION} atrás do proxy {~LOOPIP}.",
    ],
    ("email", "pt"): [
        "Olá {GIVEN2},\n\no meu novo endereço é {ADDR} e o telemóvel {PHONE}.\n\nCumprimentos,\n{NAME}",
        "Prezada Sra. {SUR2},\n\nsegue os meus dados: {NAME}, nascido em {DOB}, e-mail {EMAIL}.\n\nObrigado",
    ],
    ("email_neg", "pt"): [
        "Olá a todos,\n\na atualização {~VERSION} do {~PRODUCT} será instalada em {~DATE}. A equipa da {~COMPANY} em {~PLACE} vai testar antes.\n\nTI",
    ],
    ("hr_letter", "pt"): [
        "Declaração\n\nDeclaramos que {NAME}, nascido(a) em {DOB}, residente em {ADDR}, trabalha connosco desde {~DATE}.\n\n{NAME2}, Recursos Humanos",
    ],
    ("chat", "pt"): [
        "{GIVEN}: meu número novo é {PHONE}\n{GIVEN2}: salvei! vens amanhã a {~PLACE}?",
    ],
    # ------------------------------------------------------------------ Polish, Turkish, Swedish
    ("email", "pl"): [
        "Dzień dobry,\n\nnazywam się {NAME}, PESEL {NID}, urodzony {DOB} w Krakowie. Proszę o kontakt pod numerem {PHONE}.\n\nZ poważaniem",
        "Cześć {GIVEN2},\n\nmój nowy adres to {ADDR}, a e-mail {EMAIL}.\n\nPozdrawiam, {GIVEN}",
    ],
    ("support_ticket", "pl"): [
        "Zgłoszenie {~TICKET}: pani {SUR} zgłasza, że paczka {~TRACKING} nie dotarła na {ADDR}. Oddzwonić: {PHONE}.",
    ],
    ("email", "tr"): [
        "Merhaba {GIVEN2},\n\nyeni telefon numaram {PHONE}, adresim {ADDR}.\n\nSaygılarımla,\n{NAME}",
        "Sayın {NAME2},\n\nT.C. kimlik numaram {NID}, doğum tarihim {DOB}. IBAN: {IBAN}.\n\n{NAME}",
    ],
    ("support_ticket", "tr"): [
        "Talep {~TICKET}: {NAME} ({EMAIL}) {~INVOICE} numaralı faturanın iadesini istiyor.",
    ],
    ("email", "sv"): [
        "Hej {GIVEN2},\n\nmitt nya nummer är {PHONE} och jag bor nu på {ADDR}.\n\nMvh {NAME}",
        "Hej,\n\njag heter {NAME}, personnummer {NID}. Skicka gärna svaret till {EMAIL}.\n\nTack",
    ],
    ("support_ticket", "sv"): [
        "Ärende {~TICKET}: {NAME} säger att paketet {~TRACKING} aldrig kom fram. Ring {PHONE}.",
    ],
}

# Sentences for long passages (meeting minutes, forum threads, case write-ups): a passage
# takes 6 to 12 of them, keeping the same people, so the text reads as one piece.
PASSAGES: dict[str, list[str]] = {
    "en": [
        "Minutes of the data governance meeting held on {~DATE} in the {~PLACE} office.",
        "Present: {NAME}, {NAME2}, and two people from {~COMPANY}.",
        "{GIVEN} opened by summarising the audit findings from last quarter.",
        "The main issue was a CSV export that still contained customer phone numbers such as {PHONE}.",
        "{GIVEN2} pointed out that the staging cluster at {IP} was reachable without a VPN.",
        "The team agreed to move from {~LIB} {~VERSION} to the next release before the {~PRODUCT} launch.",
        "Someone asked whether {~VERSION} in the firewall log was an address; it is the agent's version.",
        "{SUR2} will write to {EMAIL} with the list of affected tables.",
        "A support agent had pasted the card number {CARD} into a ticket; it has been redacted.",
        "We reviewed {~EPONYM} as a way to detect duplicate customer records.",
        "The chatbot, {~PRODUCT}, must not store conversations longer than 30 days.",
        "Action: {GIVEN} to rotate the key {KEY} that was found in the notebook.",
        "Next meeting on {~DATE}; the agenda will be sent from {~ROLEMAIL}.",
        "The contractor from {~COMPANY} confirmed that invoice {~INVOICE} was paid.",
        "For the pilot, the HR system holds the address {ADDR} and the date of birth {DOB} for each employee, which is more than the model needs.",
        "Build {~BUILD} of the pipeline passed all checks; the artefact digest is {~DIGEST}.",
        "{NAME2} mentioned that the laptop with MAC {MAC} was reported stolen.",
        "Everyone agreed that test data should come from the synthetic generator, not from production.",
        "The localhost service on {~LOOPIP} is out of scope for this review.",
        "A reminder that the offices in {~PLACE} and {~PLACE} follow the same policy.",
    ],
    "de": [
        "Protokoll der Teamsitzung vom {~DATE} in {~PLACE}.",
        "Anwesend: {NAME}, {NAME2} sowie zwei Kollegen von {~COMPANY}.",
        "{GIVEN} berichtet, dass im Export noch Telefonnummern wie {PHONE} enthalten waren.",
        "{GIVEN2} weist darauf hin, dass der Testserver {IP} ohne VPN erreichbar war.",
        "Das Update auf {~LIB} {~VERSION} wird vor dem Start von {~PRODUCT} eingespielt.",
        "Frau {SUR2} schreibt an {EMAIL} mit der Liste der betroffenen Tabellen.",
        "Im Ticket {~TICKET} stand die IBAN {IBAN} im Klartext; sie wurde entfernt.",
        "Als Verfahren zur Dublettenerkennung wird {~EPONYM} geprüft.",
        "Nächster Termin am {~DATE}; die Einladung kommt von {~ROLEMAIL}.",
        "Der Dienst auf {~LOOPIP} gehört nicht zum Umfang der Prüfung.",
        "Die Personalakte enthält Anschrift ({ADDR}) und Geburtsdatum ({DOB}).",
    ],
    "fr": [
        "Compte rendu de la réunion du {~DATE} à {~PLACE}.",
        "Présents : {NAME}, {NAME2} et deux personnes de {~COMPANY}.",
        "{GIVEN} signale que l'export contenait encore des numéros comme le {PHONE}.",
        "{GIVEN2} rappelle que le serveur {IP} était accessible sans VPN.",
        "La migration vers {~LIB} {~VERSION} aura lieu avant le lancement de {~PRODUCT}.",
        "Mme {SUR2} écrira à {EMAIL} avec la liste des tables concernées.",
        "Prochaine réunion le {~DATE} ; l'ordre du jour sera envoyé par {~ROLEMAIL}.",
        "Le dossier RH contient l'adresse ({ADDR}) et la date de naissance ({DOB}) de chaque salarié.",
        "On étudie {~EPONYM} pour repérer les doublons.",
    ],
    "es": [
        "Acta de la reunión del {~DATE} en {~PLACE}.",
        "Asistentes: {NAME}, {NAME2} y dos personas de {~COMPANY}.",
        "{GIVEN} explica que la exportación aún tenía teléfonos como {PHONE}.",
        "{GIVEN2} advierte que el servidor {IP} era accesible sin VPN.",
        "La migración a {~LIB} {~VERSION} se hará antes del lanzamiento de {~PRODUCT}.",
        "La Sra. {SUR2} escribirá a {EMAIL} con la lista de tablas afectadas.",
        "Próxima reunión el {~DATE}; la convocatoria llegará desde {~ROLEMAIL}.",
        "El expediente de personal incluye el domicilio ({ADDR}) y la fecha de nacimiento ({DOB}).",
    ],
    "it": [
        "Verbale della riunione del {~DATE} a {~PLACE}.",
        "Presenti: {NAME}, {NAME2} e due colleghi di {~COMPANY}.",
        "{GIVEN} segnala che l'esportazione conteneva ancora numeri come {PHONE}.",
        "{GIVEN2} fa notare che il server {IP} era raggiungibile senza VPN.",
        "Il passaggio a {~LIB} {~VERSION} avverrà prima del lancio di {~PRODUCT}.",
        "La dott.ssa {SUR2} scriverà a {EMAIL} con l'elenco delle tabelle.",
        "Prossima riunione il {~DATE}.",
    ],
    "nl": [
        "Verslag van het overleg van {~DATE} in {~PLACE}.",
        "Aanwezig: {NAME}, {NAME2} en twee mensen van {~COMPANY}.",
        "{GIVEN} meldt dat de export nog telefoonnummers zoals {PHONE} bevatte.",
        "{GIVEN2} wijst erop dat server {IP} zonder VPN bereikbaar was.",
        "De overstap naar {~LIB} {~VERSION} gebeurt voor de lancering van {~PRODUCT}.",
        "Volgende vergadering op {~DATE}.",
    ],
    "pt": [
        "Ata da reunião de {~DATE} em {~PLACE}.",
        "Presentes: {NAME}, {NAME2} e duas pessoas da {~COMPANY}.",
        "{GIVEN} informa que a exportação ainda tinha telefones como {PHONE}.",
        "{GIVEN2} lembra que o servidor {IP} estava acessível sem VPN.",
        "A migração para {~LIB} {~VERSION} será feita antes do lançamento do {~PRODUCT}.",
        "Próxima reunião em {~DATE}.",
    ],
}

# More frames, so that the rarer types and the other languages' look-alikes are not carried
# by one or two sentences each.
_MORE: T = {
    ("email", "en"): [
        "Hi {GIVEN},\n\nfor the visa appointment I need your passport number: is it still {PASSPORT}? And your date of birth is {DOB}, right?\n\n{GIVEN2}",
        "Dear {~COMPANY} team,\n\nmy name is {NAME} and I never ordered the {~PRODUCT} on invoice {~INVOICE}. The card used, {CARD}, was reported stolen on {~DATE}.\n\nRegards",
    ],
    ("support_ticket", "en"): [
        "Chargeback on card {CARD} (holder {NAME}). Merchant ref {~ORDER}, disputed on {~DATE}.",
        "Travel desk: {NAME} needs the hotel in {~PLACE} rebooked. Passport no. {PASSPORT}, loyalty card with {~COMPANY}.",
    ],
    ("forum_post", "en"): [
        "Donations for the {~PLACE} animal shelter: BTC {WALLET}, or PayPal to {EMAIL}. Thanks! — {NAME}",
        "My ex-landlord {NAME} still hasn't returned the deposit for {ADDR}. Is {~COMPANY} legal aid any good?",
    ],
    ("code_comment", "en"): [
        'redis_url = "{CREDURL}"  # TODO move to the secrets manager ({GIVEN})',
        '# quick hack for the demo, revert!\nheaders = {{"Authorization": "Bearer {KEY}"}}',
        '# owner of this wallet is {NAME}, do not change\nTREASURY = "{WALLET}"',
    ],
    ("log", "en"): [
        "{~TS} INFO travel: booking for {NAME} passport={PASSPORT} nationality=GB ref={~ORDER}",
        "{~TS} WARN payout: sent 0.25 ETH to {WALLET} for user {EMAIL}",
        "{~TS} ERROR worker: cannot connect to {CREDURL}: connection refused",
    ],
    ("chat", "en"): [
        "{GIVEN}: can you pay me back for the concert tickets? easiest is my wallet {WALLET}\n{GIVEN2}: on it",
        "{GIVEN2}: what's the wifi password at the {~PLACE} office?\n{GIVEN}: {PASS} (don't share it pls)",
    ],
    ("csv_line", "en"): [
        "passport_no,surname,given_names,dob\n{PASSPORT},{SUR},{GIVEN},{DOB}",
        "{NAME},{CARD},{~DATE},{~INVOICE},refunded",
    ],
    ("commit_message", "en"): [
        "Drop hard-coded broker URL\n\n{CREDURL} was committed by mistake in {~SHA}; the password has been rotated.",
        "Mask card numbers in debug logs\n\nA log line from {~DATE} showed {CARD} in full. Reported by {NAME}.",
    ],
    ("hr_letter", "en"): [
        "Travel request approved for {NAME}. Passport {PASSPORT}, corporate card {CARD}. Flights booked through {~COMPANY}.",
    ],
    ("code_comment_neg", "en"): [
        "MIT License\n\nCopyright (c) {~LICENSE}\n\nPermission is hereby granted, free of charge, to any person obtaining a copy of this software, to deal in the Software without restriction.",
        "/*\n * Copyright (C) {~LICENSE}\n * SPDX-License-Identifier: Apache-2.0\n */\n#include <torch/script.h>  // {~LIB}",
        "# Copyright {~LICENSE}\n# version {~VERSION}, see {~URL}",
    ],
    ("log_neg", "en"): [
        "{~TS} INFO updater: {~PRODUCT} {~VERSION} -> {~VERSION} ({~DIGEST})",
        "{~TS} WARN gpu: driver {~VERSION} on host gpu-node-07, temp {~FLOAT}",
    ],
    # ---- other languages: rarer types
    ("support_ticket", "de"): [
        "Reisebuchung für {NAME}: Reisepassnummer {PASSPORT}, Kreditkarte {CARD}. Hotel in {~PLACE}.",
        "Kunde meldet Betrug: Zahlung in Bitcoin an {WALLET} auf Anweisung eines Herrn {SUR}.",
    ],
    ("log", "de"): [
        "{~TS} WARNUNG Zugangsdaten im Klartext: {CREDURL}",
        "{~TS} INFO Export gestartet von {EMAIL} (Rechner {MAC}, {IP})",
    ],
    ("code_comment", "de"): [
        '# TODO: Passwort von {GIVEN} entfernen, nur für den Test!\nPASSWORT = "{PASS}"',
        'API_TOKEN = "{KEY}"  # gehört zu {NAME}, bitte nicht committen',
    ],
    ("support_ticket", "fr"): [
        "Réservation pour {NAME}, passeport n° {PASSPORT}, carte {CARD}. Hôtel à {~PLACE}.",
        "Le client a payé en bitcoins à l'adresse {WALLET} à la demande d'un certain {NAME}.",
    ],
    ("code_comment", "fr"): [
        '# mot de passe temporaire de {GIVEN} : à supprimer\nMOT_DE_PASSE = "{PASS}"',
        'DATABASE_URL = "{CREDURL}"  # base de test de {NAME}',
    ],
    ("support_ticket", "es"): [
        "Reserva a nombre de {NAME}, pasaporte {PASSPORT}, tarjeta {CARD}. Hotel en {~PLACE}.",
        "El token {KEY} de {NAME} aparece en el registro {~TICKET}; hay que revocarlo.",
    ],
    ("support_ticket", "it"): [
        "Prenotazione per {NAME}, passaporto n. {PASSPORT}, carta {CARD}. Albergo a {~PLACE}.",
        "Nel log {~TICKET} c'è la stringa di connessione {CREDURL} di {NAME}.",
    ],
    ("support_ticket", "nl"): [
        "Boeking voor {NAME}, paspoortnummer {PASSPORT}, creditcard {CARD}. Hotel in {~PLACE}.",
        "Klant betaalde in bitcoin naar {WALLET} op verzoek van een zekere {NAME}.",
    ],
    ("support_ticket", "pt"): [
        "Reserva em nome de {NAME}, passaporte {PASSPORT}, cartão {CARD}. Hotel em {~PLACE}.",
        "O token {KEY} de {NAME} apareceu no log {~TICKET}; revogar.",
    ],
    # ---- other languages: look-alikes
    ("forum_post_neg", "fr"): [
        "La version {~VERSION} n'est pas une adresse IP, c'est le numéro de build. Le DNS de test est {~DOCIP}.",
        "Quelqu'un chez {~COMPANY} à {~PLACE} a essayé {~PRODUCT} ? Le lien est {~URL}.",
    ],
    ("support_ticket_neg", "fr"): [
        "Le serveur écoute sur {~LOOPIP}:8080 ; la somme de contrôle attendue est {~DIGEST} (commit {~SHA}).",
    ],
    ("forum_post_neg", "es"): [
        "¿Alguien sabe explicar {~EPONYM}? El ejemplo con {~LIB} {~VERSION} no me funciona.",
        "{~VERSION} no es una IP, es la versión del agente. El servidor de pruebas es {~DOCIP}.",
    ],
    ("support_ticket_neg", "es"): [
        "Pedido {~ORDER} enviado el {~DATE} con seguimiento {~TRACKING}. Factura {~INVOICE} adjunta.",
        "Los equipos de {~COMPANY} en {~PLACE} usan {~PRODUCT} y {~PRODUCT}; ninguno guarda datos personales.",
    ],
    ("forum_post_neg", "it"): [
        "Qualcuno sa spiegare {~EPONYM}? L'esempio con {~LIB} {~VERSION} non funziona.",
        "{~VERSION} non è un indirizzo IP, è la versione del firmware. Il DNS di prova è {~DOCIP}.",
    ],
    ("support_ticket_neg", "it"): [
        "Ordine {~ORDER} spedito il {~DATE}, tracking {~TRACKING}. Fattura {~INVOICE} allegata.",
        "Il team di {~COMPANY} a {~PLACE} usa {~PRODUCT}; la build {~BUILD} è ok (commit {~SHA}).",
    ],
    ("forum_post_neg", "nl"): [
        "Kan iemand {~EPONYM} uitleggen? Het voorbeeld met {~LIB} {~VERSION} werkt niet.",
        "{~VERSION} is geen IP-adres maar de buildversie. De test-DNS is {~DOCIP}.",
    ],
    ("support_ticket_neg", "nl"): [
        "Bestelling {~ORDER} verzonden op {~DATE} met track & trace {~TRACKING}. Factuur {~INVOICE} bijgevoegd.",
        "Het team van {~COMPANY} in {~PLACE} gebruikt {~PRODUCT}; build {~BUILD} is goedgekeurd.",
    ],
    ("forum_post_neg", "pt"): [
        "Alguém sabe explicar {~EPONYM}? O exemplo com {~LIB} {~VERSION} não funciona.",
        "{~VERSION} não é um IP, é a versão do agente. O DNS de teste é {~DOCIP}.",
    ],
    ("support_ticket_neg", "pt"): [
        "Encomenda {~ORDER} enviada em {~DATE} com rastreio {~TRACKING}. Fatura {~INVOICE} anexa.",
        "A equipa da {~COMPANY} em {~PLACE} usa {~PRODUCT}; o build {~BUILD} passou.",
    ],
    ("log_neg", "de"): [
        "{~TS} INFO Dienst lauscht auf {~LOOPIP}:8443 ({~LIB} {~VERSION})",
        "{~TS} INFO Prüfsumme {~DIGEST} für Auftrag {~ORDER} ok",
    ],
    ("code_comment_neg", "de"): [
        "# Copyright (c) {~LICENSE}\n# Lizenz: MIT. Getestet mit {~LIB} {~VERSION}.",
    ],
    ("chat_neg", "nl"): [
        "heeft iemand {~PRODUCT} geprobeerd met {~LIB} {~VERSION}? bij mij hangt hij op {~LOOPIP}",
    ],
    ("chat_neg", "it"): [
        "qualcuno ha provato {~PRODUCT} con {~LIB} {~VERSION}? a me si blocca su {~LOOPIP}",
    ],
    ("chat_neg", "pt"): [
        "alguém testou o {~PRODUCT} com {~LIB} {~VERSION}? aqui trava em {~LOOPIP}",
    ],
}
for _key, _frames in _MORE.items():
    TEMPLATES.setdefault(_key, []).extend(_frames)

# Third round: every language gets logs, code, commits, tables, notes and letters of its own,
# and more look-alikes of the kinds the first rounds had few of.
_MORE2: T = {
    # ---- German
    ("commit_message", "de"): [
        "Zugangsdaten aus config.py entfernt\n\nDas Passwort {PASS} stand seit {~SHA} im Repository. Wurde geändert.",
        "Testdaten anonymisiert\n\nIn fixtures.json standen echte Kundendaten ({NAME}, {EMAIL}). Ersetzt durch synthetische Daten.",
    ],
    ("commit_message_neg", "de"): [
        "{~LIB} auf {~VERSION} aktualisiert\n\nSiehe {~URL} und {~TICKET}.",
        "Fehler in {~EPONYM} behoben (Überlauf bei großen Matrizen, {~SHA})",
    ],
    ("csv_line", "de"): [
        "kundennr;name;geburtsdatum;iban\n{~ORDER};{NAME};{DOB};{IBAN}",
        "{NAME_INV};{ADDR};{PHONE};aktiv",
    ],
    ("csv_line_neg", "de"): [
        "artikel;version;preis\n{~ORDER};{~PRODUCT} {~VERSION};49,90\n{~ORDER};{~COMPANY} Adapter;12,50",
    ],
    ("clinical_note", "de"): [
        "Arztbrief: Wir berichten über Herrn {NAME}, geb. {DOB}, der vom {~DATE} bis {~DATE} stationär behandelt wurde. Hausarzt: Dr. {SUR2}.",
    ],
    ("hr_letter", "de"): [
        "Hallo {GIVEN},\n\ndeine Gehaltsabrechnung für März ist da. Die neue Bankverbindung {IBAN} ist hinterlegt. Bei Fragen: {PHONE2}.\n\nViele Grüße\n{NAME2}",
    ],
    ("chat", "de"): [
        "[{~TS}] {GIVEN}: kannst du mir die Adresse von {NAME2} schicken?\n[{~TS}] {GIVEN2}: klar, {ADDR}",
    ],
    ("forum_post", "de"): [
        "Suche Mitfahrgelegenheit von {~PLACE} nach {~PLACE} am {~DATE}. Bitte per Mail an {EMAIL} oder Handy {PHONE}. Gruß {GIVEN}",
    ],
    # ---- French
    ("log", "fr"): [
        "{~TS} INFO connexion réussie utilisateur={EMAIL} ip={IP}",
        "{~TS} ERREUR paiement refusé carte={CARD} commande={~ORDER}",
    ],
    ("log_neg", "fr"): [
        "{~TS} INFO serveur démarré sur {~LOOPIP}:8000 ({~LIB} {~VERSION})",
    ],
    ("commit_message", "fr"): [
        "Supprime le jeton d'accès en dur\n\nLe jeton {KEY} était dans settings.py depuis {~SHA}. Révoqué.",
    ],
    ("csv_line", "fr"): [
        "nom;prénom;date_naissance;téléphone\n{SUR};{GIVEN};{DOB};{PHONE}",
    ],
    ("csv_line_neg", "fr"): [
        "référence;produit;version\n{~ORDER};{~PRODUCT};{~VERSION}\n{~INVOICE};{~COMPANY};{~VERSION}",
    ],
    ("hr_letter", "fr"): [
        "Madame {SUR},\n\nnous avons le plaisir de vous confirmer votre embauche à compter du {~DATE}. Merci de nous transmettre la copie de votre passeport ({PASSPORT}).\n\n{NAME2}, Ressources humaines",
    ],
    ("forum_post", "fr"): [
        "Arnaque en cours : un certain {NAME} demande des virements sur l'IBAN {IBAN}. Ne payez pas !",
    ],
    # ---- Spanish
    ("log", "es"): [
        "{~TS} INFO acceso correcto usuario={EMAIL} ip={IP}",
        "{~TS} ERROR pago rechazado tarjeta={CARD} pedido={~ORDER}",
    ],
    ("code_comment", "es"): [
        '# contraseña temporal de {GIVEN}, borrar antes de subir\nDB_PASSWORD = "{PASS}"',
    ],
    ("code_comment_neg", "es"): [
        "# Copyright (c) {~LICENSE}\n# Probado con {~LIB} {~VERSION}; ver {~URL}",
    ],
    ("csv_line", "es"): [
        "nombre;dni;fecha_nacimiento;móvil\n{NAME};{NID};{DOB};{PHONE}",
    ],
    ("commit_message", "es"): [
        "Elimina datos reales de los tests\n\nEl fichero tenía el teléfono {PHONE} y la dirección {ADDR} de un cliente.",
    ],
    ("hr_letter", "es"): [
        "Estimada {NAME}:\n\nle confirmamos su incorporación el {~DATE}. La nómina se abonará en la cuenta {IBAN}.\n\n{NAME2}, Recursos Humanos",
    ],
    ("forum_post_neg", "es"): [
        "Los de {~COMPANY} presentan {~PRODUCT} en {~PLACE} el {~DATE}. Más info en {~URL}.",
    ],
    # ---- Italian
    ("log", "it"): [
        "{~TS} INFO accesso riuscito utente={EMAIL} ip={IP}",
        "{~TS} ERRORE pagamento rifiutato iban={IBAN} ordine={~ORDER}",
    ],
    ("code_comment", "it"): [
        '# password di prova di {GIVEN}, da togliere!\nPASSWORD = "{PASS}"',
    ],
    ("csv_line", "it"): [
        "cognome;nome;codice_fiscale;telefono\n{SUR};{GIVEN};{NID};{PHONE}",
    ],
    ("commit_message", "it"): [
        "Rimuove il token dal codice\n\nIl token {KEY} era nel file di configurazione dal commit {~SHA}.",
    ],
    ("hr_letter", "it"): [
        "Gentile {NAME},\n\nle confermiamo l'assunzione dal {~DATE}. Lo stipendio sarà accreditato sull'IBAN {IBAN}.\n\n{NAME2}, Risorse Umane",
    ],
    ("clinical_note", "it"): [
        "Lettera di dimissione: paziente {NAME}, nato il {DOB}, ricoverato dal {~DATE}. Contatto: {PHONE}.",
    ],
    ("log_neg", "it"): [
        "{~TS} INFO servizio avviato su {~LOOPIP}:9000 ({~LIB} {~VERSION})",
    ],
    # ---- Dutch
    ("log", "nl"): [
        "{~TS} INFO inloggen gelukt gebruiker={EMAIL} ip={IP}",
        "{~TS} FOUT betaling geweigerd iban={IBAN} bestelling={~ORDER}",
    ],
    ("code_comment", "nl"): [
        '# tijdelijk wachtwoord van {GIVEN}, niet committen!\nWACHTWOORD = "{PASS}"',
    ],
    ("csv_line", "nl"): [
        "naam;bsn;geboortedatum;telefoon\n{NAME};{NID};{DOB};{PHONE}",
    ],
    ("clinical_note", "nl"): [
        "Patiënt: {NAME_INV}, geboren {DOB}. Klachten: hoofdpijn sinds 3 dagen. Controle bij dr. {SUR2} over 2 weken.",
    ],
    ("commit_message_neg", "nl"): [
        "{~LIB} bijgewerkt naar {~VERSION}\n\nZie {~URL} ({~TICKET}).",
    ],
    ("forum_post", "nl"): [
        "Pas op: iemand die zich {NAME} noemt vraagt betaling in bitcoin op {WALLET}.",
    ],
    # ---- Portuguese
    ("log", "pt"): [
        "{~TS} INFO login bem-sucedido utilizador={EMAIL} ip={IP}",
        "{~TS} ERRO pagamento recusado cartão={CARD} encomenda={~ORDER}",
    ],
    ("code_comment", "pt"): [
        '# senha temporária do {GIVEN}, remover antes do merge\nSENHA = "{PASS}"',
    ],
    ("csv_line", "pt"): [
        "nome;cpf;data_nascimento;telefone\n{NAME};{NID};{DOB};{PHONE}",
    ],
    ("clinical_note", "pt"): [
        "Paciente: {NAME_INV}, nascido em {DOB}. Queixa: febre há 3 dias. Retorno com a Dra. {SUR2}.",
    ],
    ("forum_post", "pt"): [
        "Vendo o meu {~PRODUCT} usado. Entrega em {~PLACE}. Contacto: {PHONE} ({GIVEN})",
    ],
    ("forum_post_neg", "pt"): [
        "A {~COMPANY} apresenta o {~PRODUCT} em {~PLACE} no dia {~DATE}. Mais em {~URL}.",
    ],
    # ---- English: more look-alikes of the rarer kinds
    ("code_comment_neg", "en"): [
        "# Copyright {~LICENSE}\n#\n# Permission to use, copy, modify, and/or distribute this software for any purpose with or without fee is hereby granted.",
        "// Copyright (c) {~LICENSE}. All rights reserved.\n// Use of this source code is governed by a BSD-style license.",
        "# fixed-point constants\nLN2 = {~FLOAT}\nSQRT2 = {~FLOAT}\nTOL = {~FLOAT}",
        "# pinned: {~LIB}=={~VERSION} (sha256 {~DIGEST})\n# upstream commit {~SHA}",
    ],
    ("forum_post_neg", "en"): [
        "Book recommendation: ISBN {~ISBN}, chapter 4 on {~EPONYM}. The {~COMPANY} edition has errata at {~URL}.",
        "Coordinates of the meetup: {~FLOAT}. Doors at 18:00, {~PLACE} campus.",
    ],
    ("log_neg", "en"): [
        "{~TS} INFO trainer: epoch 12 loss={~FLOAT} val_loss={~FLOAT} lr=0.00031622776601683794",
        "{~TS} INFO git: HEAD is now at {~SHA} (tag {~VERSION})",
        "{~TS} INFO request {~UUID} GET /orders/{~ORDER} 200 ({~FLOAT} ms)",
    ],
    ("email_neg", "en"): [
        "Hi all,\n\nthe {~COMPANY} and {~COMPANY} audits are both on {~DATE}. Use ticket {~TICKET} for questions; the template is at {~URL}.\n\n{~=Grant} access requests go to {~ROLEMAIL}.",
    ],
}
for _key, _frames in _MORE2.items():
    TEMPLATES.setdefault(_key, []).extend(_frames)

# Long passages of other kinds: incident reports and clinical narratives.
PASSAGES_MORE: dict[tuple[str, str], list[str]] = {
    ("incident_report", "en"): [
        "Incident {~TICKET}, opened {~DATE}.",
        "Summary: a support engineer exported the {~PRODUCT} conversation logs to a shared drive.",
        "The export included the e-mail address {EMAIL} and the phone number {PHONE} of a customer, {NAME}.",
        "{NAME2} from the security team noticed the file while reviewing access logs from {IP}.",
        "The drive was also reachable through the proxy on {~LOOPIP}, which is out of scope.",
        "Impact: one customer record; no card numbers were exposed, only the last digits of order {~ORDER}.",
        "The API key {KEY} used by the export job was rotated within two hours.",
        "Root cause: the {~LIB} {~VERSION} exporter ignores the redaction flag.",
        "{GIVEN2} contacted the customer by phone and confirmed the notification.",
        "The fix shipped in build {~BUILD}; see commit {~SHA}.",
        "Lessons learned: {~COMPANY} recommends {~EPONYM}-based sampling for audits.",
        "Closed on {~DATE} by the data protection officer ({~ROLEMAIL}).",
    ],
    ("incident_report", "de"): [
        "Vorfall {~TICKET} vom {~DATE}.",
        "Ein Export aus {~PRODUCT} lag ungeschützt auf einem Netzlaufwerk.",
        "{%F1}Betroffen ist die Kundin {NAME}, wohnhaft {ADDR}, Telefon {PHONE}.",
        "{NAME2} aus der IT-Sicherheit hat den Zugriff von {IP} bemerkt.",
        "Die Version {~VERSION} von {~LIB} ignoriert das Schwärzungs-Flag.",
        "Der Zugang {CREDURL} wurde sofort gesperrt.",
        "Abschluss am {~DATE}; Meldung an {~ROLEMAIL}.",
    ],
    ("incident_report", "fr"): [
        "Incident {~TICKET} du {~DATE}.",
        "Un export de {~PRODUCT} était accessible sur un partage réseau.",
        "Il contenait les données de {NAME} : {EMAIL}, {PHONE}.",
        "{NAME2}, de l'équipe sécurité, a repéré les accès depuis {IP}.",
        "La version {~VERSION} de {~LIB} ignore l'option de masquage.",
        "Clôturé le {~DATE}.",
    ],
    ("incident_report", "es"): [
        "Incidente {~TICKET} del {~DATE}.",
        "Una exportación de {~PRODUCT} quedó accesible en una carpeta compartida.",
        "Contenía los datos de {NAME}: {EMAIL}, DNI {NID}.",
        "{NAME2}, del equipo de seguridad, detectó los accesos desde {IP}.",
        "La versión {~VERSION} de {~LIB} ignora la opción de anonimizar.",
        "Cerrado el {~DATE}.",
    ],
    ("clinical_narrative", "en"): [
        "{%F1}{%F2}{NAME}, whose chart gives the date of birth {DOB}, attended the {~PLACE} clinic on {~DATE}.",
        "She reported three weeks of fatigue after a course of antibiotics.",
        "Her daughter, {NAME2}, who can be reached at {PHONE2}, accompanied her.",
        "The infusion pump ({~COMPANY}, firmware {~VERSION}) was replaced before treatment.",
        "Blood results were uploaded to the lab system under sample {~UUID}.",
        "The patient lives alone at {ADDR} and asked for letters to be sent by e-mail to {EMAIL}.",
        "The attending physician will review the results with {~EPONYM} thresholds.",
        "Follow-up booked for {~DATE}.",
    ],
}
