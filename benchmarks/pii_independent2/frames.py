# ruff: noqa: E501  (hand-written data: one name list or frame per line)
"""Hand-written sentence frames, by style and language.

Slots are described in ``generate.py``. Frames without a labelled slot make the records that
hold no personal data; they are full of look-alikes. Mixed-language threads are tagged with
both languages (``de-en``), the language of the reply first.
"""

from __future__ import annotations

# negative frames are instantiated this many times as often as positive ones
NEGATIVE_SHARE = 1.0

F: dict[tuple[str, str], list[str]] = {}

# ------------------------------------------------------------------ Slack exports (JSON)
F["slack_export", "en"] = [
    '{"type": "message", "user": "U04{{~serial_number}}", "user_name": "{{PG}}", "text": "can someone rotate the staging key? I pasted {{KEY}} in #ml-infra by mistake", "ts": "{{~timestamp}}"}',
    '{"type": "message", "user_profile": {"real_name": "{{P}}", "display_name": "{{PG}}"}, "text": "Merged {{~git_sha}} — {{~library}} bumped to {{~version}}, thanks {{PG2}}!", "ts": "{{~timestamp}}"}',
    '{"type": "message", "user_name": "{{PG}}", "text": "customer says her card {{CARD}} was charged twice for order {{~order_number}}", "thread_ts": "{{~timestamp}}"}',
    '{"type": "message", "user_name": "{{PG}}", "text": "<@U02{{~serial_number}}> the new hire is {{P2}}, reach them at {{EMAIL2}} or {{PHONE}}", "ts": "{{~timestamp}}"}',
    '{"type": "message", "user_name": "deploy-bot", "text": "{{~product}} {{~version}} rolled out to eu-west-1 (build {{~build_number}}), canary at {{~documentation_ip}}", "ts": "{{~timestamp}}"}',
    '{"type": "message", "user_name": "{{PG}}", "text": "ssh from {{IP}} again, MAC {{MAC}} — is that {{PS2}}\'s laptop?", "ts": "{{~timestamp}}"}',
    '{"type": "message", "user_name": "{{PG}}", "text": "fyi {{~company}} asked whether {{~product}} runs on {{~version}}; ticket {{~ticket_number}}", "ts": "{{~timestamp}}"}',
    '{"type": "message", "user_name": "alerts", "text": "disk 91% on {{~loopback_or_reserved_ip}} ({{~uuid}}), runbook {{~plain_url}}", "ts": "{{~timestamp}}"}',
    '{"type": "message", "user_name": "{{PG}}", "text": "reverting {{~git_sha}}; the {{~eponym}} step diverged after epoch 40 on {{~product}}", "ts": "{{~timestamp}}"}',
    '{"type": "message", "user_name": "{{PG}}", "text": "does anyone know if we still ship to {{~place}}? {{~company}} wants a quote, ref {{~invoice_id}}", "ts": "{{~timestamp}}"}',
    '{"type": "message", "user_name": "{{PG}}", "text": "conn string for the notebook is {{DBURL}} — delete after reading pls", "ts": "{{~timestamp}}"}',
    '{"type": "message", "subtype": "channel_join", "user_name": "{{PG}}", "text": "<@U0{{~serial_number}}> has joined the channel", "ts": "{{~timestamp}}"}',
]
F["slack_export", "de"] = [
    '{"type": "message", "user_name": "{{PG}}", "text": "Kann jemand {{PS2}} zurückrufen? Nummer: {{PHONE}}", "ts": "{{~timestamp}}"}',
    '{"type": "message", "user_profile": {"real_name": "{{P}}"}, "text": "Rechnung {{~invoice_id}} an {{~company}} ist raus, Zahlung auf {{IBAN}}", "ts": "{{~timestamp}}"}',
    '{"type": "message", "user_name": "{{PG}}", "text": "{{~product}} läuft jetzt auf {{~version}}, Build {{~build_number}}, bitte testen", "ts": "{{~timestamp}}"}',
    '{"type": "message", "user_name": "{{PG}}", "text": "Neue Lieferadresse für {{P2}}: {{ADDR}}", "ts": "{{~timestamp}}"}',
    '{"type": "message", "user_name": "{{PG}}", "text": "Wer hat {{~git_sha}} gepusht? Der Test für {{~library}} schlägt in {{~place}} fehl", "ts": "{{~timestamp}}"}',
    '{"type": "message", "user_name": "bot", "text": "Backup {{~uuid}} fertig, Prüfsumme {{~hash}}", "ts": "{{~timestamp}}"}',
    '{"type": "message", "user_name": "{{PG}}", "text": "Danke {{PG2}}! Das Passwort für den Testzugang ist {{PWD}}", "ts": "{{~timestamp}}"}',
    '{"type": "message", "user_name": "{{PG}}", "text": "Treffen mit {{~company}} am {{~event_date}} in {{~place}}, Bestellung {{~order_number}}", "ts": "{{~timestamp}}"}',
]
F["slack_export", "fr"] = [
    '{"type": "message", "user_name": "{{PG}}", "text": "{{P2}} demande un remboursement, IBAN {{IBAN}}", "ts": "{{~timestamp}}"}',
    '{"type": "message", "user_name": "{{PG}}", "text": "la mise à jour {{~version}} de {{~product}} est en prod (build {{~build_number}})", "ts": "{{~timestamp}}"}',
    '{"type": "message", "user_name": "{{PG}}", "text": "nouveau numéro de {{PG2}} : {{PHONE}}, et son mail perso {{EMAIL2}}", "ts": "{{~timestamp}}"}',
    '{"type": "message", "user_name": "{{PG}}", "text": "réunion avec {{~company}} le {{~event_date}} à {{~place}}, commande {{~order_number}}", "ts": "{{~timestamp}}"}',
    '{"type": "message", "user_name": "bot", "text": "job {{~uuid}} terminé en 42 min, score {{~float}}", "ts": "{{~timestamp}}"}',
]
F["slack_export", "es"] = [
    '{"type": "message", "user_name": "{{PG}}", "text": "¿alguien puede llamar a {{P2}}? su móvil es {{PHONE}}", "ts": "{{~timestamp}}"}',
    '{"type": "message", "user_name": "{{PG}}", "text": "subí el modelo {{~product}} {{~version}}, hash {{~hash}}", "ts": "{{~timestamp}}"}',
    '{"type": "message", "user_name": "{{PG}}", "text": "el DNI de la clienta es {{NID}}, ya lo verifiqué", "ts": "{{~timestamp}}"}',
    '{"type": "message", "user_name": "{{PG}}", "text": "pedido {{~order_number}} para {{~company}} en {{~place}}, sale el {{~event_date}}", "ts": "{{~timestamp}}"}',
]
F["slack_export", "nl"] = [
    '{"type": "message", "user_name": "{{PG}}", "text": "{{P2}} is verhuisd naar {{ADDR}}, graag aanpassen in het CRM", "ts": "{{~timestamp}}"}',
    '{"type": "message", "user_name": "{{PG}}", "text": "release {{~version}} van {{~product}} staat klaar, build {{~build_number}}", "ts": "{{~timestamp}}"}',
    '{"type": "message", "user_name": "{{PG}}", "text": "BSN van de aanvrager: {{NID}} (niet delen buiten het team)", "ts": "{{~timestamp}}"}',
    '{"type": "message", "user_name": "{{PG}}", "text": "bestelling {{~order_number}} bij {{~company}} is onderweg, track & trace {{~tracking_number}}", "ts": "{{~timestamp}}"}',
]

# ------------------------------------------------------------------ Jira comments
F["jira_comment", "en"] = [
    "[~{{PG}}] I reproduced it with the export from {{~event_date}}: row 4411 still shows {{P2}}'s SSN {{NID}} in plain text. Raising to Critical.",
    "Customer {{P}} ({{EMAIL}}) reports that the invoice {{~invoice_id}} lists the wrong address; correct one is {{ADDR}}.",
    "Root cause: {{~library}} {{~version}} changed the default tokenizer. Fixed in {{~git_sha}}, see {{~plain_url}}.",
    "{{PG}}, can you check why {{~product}} tags {{~company}} as a person? Build {{~build_number}}, sample id {{~uuid}}.",
    "Assigning to {{P}}. Blocked on {{~ticket_number}} until {{~company}} confirms the SLA.",
    "Logs attached. Failing request came from {{IP}} at {{~timestamp}}; the API key in the header was {{KEY}} (already revoked).",
    "Verified on {{~version}}. Closing. Thanks {{PG}} and {{PG2}}.",
    "HMRC letter for {{P}} attached; the National Insurance number on it is {{NID:UK_NINO}}. Please redact before sharing.",
    "Duplicate of {{~ticket_number}}. The {{~eponym}} implementation was already replaced in {{~version}}.",
    "The card on file for account {{~order_number}} is {{CARD}}, expiry 08/27 — please mask it in the admin UI too.",
    "Benchmarked {{~product}} vs {{~product}} on {{~place}} data: F1 {{~float}}, p95 latency 41 ms. No PII involved.",
    "Please don't paste passports into tickets. {{PS}}'s number ({{PASS}}) is now in the history of {{~ticket_number}}.",
    "Moved to sprint 42. {{~company}} renewal due {{~event_date}}.",
]
F["jira_comment", "de"] = [
    "[~{{PG}}] Beim Import vom {{~event_date}} wurde die Steuer-ID {{NID}} von Frau {{PS:f}} im Klartext geloggt.",
    "Kundin {{P:f}} ({{EMAIL}}) meldet, dass {{~product}} {{~version}} ihre Adresse falsch übernimmt: {{ADDR}}.",
    "Fix ist in {{~git_sha}}, betrifft nur {{~library}}. Bitte auf {{~version}} aktualisieren.",
    "Zuständig: {{P}}. Warten auf Rückmeldung von {{~company}} zu {{~ticket_number}}.",
    "Herr {{PS:m}} hat angerufen ({{PHONE}}), die Lastschrift von {{IBAN}} ist zurückgekommen.",
    "Duplikat von {{~ticket_number}}; Messwerte {{~float}} und {{~float}} sind unverändert.",
    "Standort {{~place}}, Seriennummer {{~serial_number}}, Firmware {{~version}}.",
]
F["jira_comment", "fr"] = [
    "[~{{PG}}] Le fichier du {{~event_date}} contient encore le NIR {{NID}} de M. {{PS:m}}.",
    "Mme {{PS:f}} signale que l'application {{~product}} affiche son adresse {{ADDR}} à d'autres utilisateurs.",
    "Corrigé dans {{~git_sha}} ({{~library}} {{~version}}). À valider par {{PG}}.",
    "Doublon de {{~ticket_number}}. Le client {{~company}} est prévenu.",
    "Adresse IP de l'appel suspect : {{IP}}, heure {{~timestamp}}.",
    "Fournisseur {{~company}}, site de {{~place}}, commande {{~order_number}} : rien à signaler.",
]
F["jira_comment", "it"] = [
    "[~{{PG}}] Nel dump del {{~event_date}} compare il codice fiscale {{NID}} della sig.ra {{PS:f}}.",
    "Il cliente {{P}} chiede la cancellazione dei dati; email {{EMAIL}}, telefono {{PHONE}}.",
    "Risolto in {{~git_sha}} con {{~library}} {{~version}}. Grazie {{PG}}.",
    "Duplicato di {{~ticket_number}}. Fornitore {{~company}}, sede di {{~place}}.",
    "Rimborso su IBAN {{IBAN}} intestato a {{P}}.",
]
F["jira_comment", "pl"] = [
    "[~{{PG}}] W eksporcie z {{~event_date}} jest PESEL {{NID}} pani {{PS:f}}.",
    "Klient {{P}} prosi o zmianę adresu na {{ADDR}}; tel. {{PHONE}}.",
    "Naprawione w {{~git_sha}}, {{~library}} {{~version}}. Dzięki {{PG}}!",
    "Duplikat {{~ticket_number}}. Dostawca {{~company}}, magazyn w {{~place}}.",
]

# ------------------------------------------------------------------ app store reviews
F["app_review", "en"] = [
    "★☆☆☆☆ Terrible. Support rep {{PG}} asked me to email my passport number {{PASS}} to a gmail address?! Not happening.",
    "★★★★★ Love it. Way better than {{~product}}. {{~company}} should buy these guys.",
    "★★☆☆☆ Since {{~version}} the app crashes on my {{~product}}. Build {{~build_number}}.",
    "★★★★☆ Works great in {{~place}}. Only wish it synced with {{~product}}.",
    "★☆☆☆☆ They charged my card {{CARD}} after I cancelled. Order {{~order_number}}. - {{P}}",
    "★★★☆☆ Decent, but why does it need my date of birth ({{DOB}}) to track runs?",
    "★★★★★ The assistant is called {{~product}} and honestly it is smarter than {{~product}}.",
    "★★☆☆☆ I left my number {{PHONE}} for a callback three times and nobody called. Signed, {{PG}}",
    "★★★★★ 10/10 would recommend to anyone in {{~place}} or {{~place}}.",
    "★☆☆☆☆ Version {{~version}} deleted all my notes. Contacted {{~role_or_reserved_email}}, no reply in 3 weeks.",
]
F["app_review", "de"] = [
    "★☆☆☆☆ Nach dem Update auf {{~version}} stürzt die App auf meinem {{~product}} ständig ab.",
    "★★★★★ Super App! Viel besser als die von {{~company}}.",
    "★★☆☆☆ Der Support (Herr {{PS:m}}) wollte meine IBAN {{IBAN}} per Chat. Seriös geht anders.",
    "★★★☆☆ Funktioniert in {{~place}} gut, in {{~place}} gar nicht.",
    "★☆☆☆☆ Abbuchung trotz Kündigung, Bestellnummer {{~order_number}}. {{P}}",
]
F["app_review", "fr"] = [
    "★☆☆☆☆ Depuis la version {{~version}}, impossible de me connecter. Ticket {{~ticket_number}}.",
    "★★★★★ Géniale, bien mieux que {{~product}}. Bravo à l'équipe de {{~place}} !",
    "★★☆☆☆ Le conseiller {{PG:m}} m'a demandé mon numéro de carte {{CARD}} par SMS...",
    "★★★★☆ Pratique pour commander chez {{~company}}, mais lente.",
]
F["app_review", "es"] = [
    "★☆☆☆☆ Me cobraron dos veces, pedido {{~order_number}}. Dejé mi móvil {{PHONE}} para que me llamaran y nada. {{P}}",
    "★★★★★ Mucho mejor que {{~product}}, la uso a diario en {{~place}}.",
    "★★☆☆☆ Desde la {{~version}} no funciona con mi {{~product}}.",
    "★★★☆☆ Bien, aunque {{~company}} tiene una app más rápida.",
]
F["app_review", "it"] = [
    "★☆☆☆☆ Dopo l'aggiornamento {{~version}} non si apre più. Pessima.",
    "★★★★★ Fantastica, meglio di {{~product}}! Saluti da {{~place}}.",
    "★★☆☆☆ L'operatrice {{PG:f}} mi ha chiesto il codice fiscale {{NID}} in chat. Mah.",
]
F["app_review", "pt"] = [
    "★☆☆☆☆ Cobraram no meu cartão {{CARD}} sem autorização. {{P}}",
    "★★★★★ Muito melhor que o {{~product}}, uso todos os dias em {{~place}}.",
    "★★☆☆☆ Na versão {{~version}} o app trava no {{~product}}.",
]
F["app_review", "nl"] = [
    "★☆☆☆☆ Na update {{~version}} werkt inloggen niet meer. Melding {{~ticket_number}}.",
    "★★★★★ Top app, beter dan die van {{~company}}.",
    "★★☆☆☆ Medewerker {{PG}} vroeg om mijn BSN {{NID}} via WhatsApp. Echt niet oké.",
]
F["app_review", "sv"] = [
    "★☆☆☆☆ Appen kraschar sedan version {{~version}}. Mvh {{P}}",
    "★★★★★ Mycket bättre än {{~product}}, funkar fint i {{~place}}.",
    "★★☆☆☆ Supporten bad om mitt personnummer {{NID}} i chatten. Inte okej.",
]
F["app_review", "da"] = [
    "★☆☆☆☆ Appen lukker ned efter opdatering {{~version}}. Hilsen {{P}}",
    "★★★★★ Meget bedre end {{~product}}, bruger den hver dag i {{~place}}.",
    "★★☆☆☆ Kundeservice bad om mit CPR-nummer {{NID}} over chat.",
]
F["app_review", "fi"] = [
    "★☆☆☆☆ Sovellus kaatuu versiosta {{~version}} lähtien. Terveisin {{P}}",
    "★★★★★ Paljon parempi kuin {{~product}}.",
    "★★☆☆☆ Tuki pyysi henkilötunnustani {{NID}} sähköpostilla.",
]
F["app_review", "cs"] = [
    "★☆☆☆☆ Od verze {{~version}} aplikace padá. {{P}}",
    "★★★★★ Lepší než {{~product}}, používám denně v {{~place}}.",
    "★★☆☆☆ Podpora chtěla moje rodné číslo {{NID}} přes chat.",
]
F["app_review", "ro"] = [
    "★☆☆☆☆ Aplicația se blochează de la versiunea {{~version}}. {{P}}",
    "★★★★★ Mult mai bună decât {{~product}}.",
    "★★☆☆☆ Suportul mi-a cerut CNP-ul {{NID}} pe chat.",
]
F["app_review", "tr"] = [
    "★☆☆☆☆ Kartımdan {{CARD}} iki kez çekim yapıldı. Sipariş {{~order_number}}. {{P}}",
    "★★★★★ {{~product}} uygulamasından çok daha iyi, {{~place}} için harika.",
    "★★☆☆☆ Destek ekibi TC kimlik numaramı ({{NID}}) e-postayla istedi.",
]

# ------------------------------------------------------------------ SQL INSERT statements
F["sql_insert", "en"] = [
    "INSERT INTO customers (id, full_name, email, phone, created_at) VALUES ({{~order_number}}, '{{P}}', '{{EMAIL}}', '{{PHONE}}', '{{~timestamp}}');",
    "INSERT INTO patients (mrn, last_name, first_name, dob, ssn) VALUES ('MRN{{~serial_number}}', '{{PS}}', '{{PG}}', '{{DOB}}', '{{NID}}');",
    "INSERT INTO payment_methods (customer_id, pan, brand) VALUES ({{~order_number}}, '{{CARD}}', 'visa');",
    "INSERT INTO releases (product, version, sha, released_on) VALUES ('{{~product}}', '{{~version}}', '{{~git_sha}}', '{{~event_date}}');",
    "INSERT INTO suppliers (name, city, contact) VALUES ('{{~company}}', '{{~place}}', '{{~role_or_reserved_email}}');",
    "INSERT INTO sessions (session_id, user_id, ip, user_agent) VALUES ('{{~uuid}}', {{~order_number}}, '{{IP}}', 'Mozilla/5.0');",
    "INSERT INTO api_credentials (owner, token, scope) VALUES ('{{P}}', '{{KEY}}', 'read:models');",
    "INSERT INTO devices (serial, mac, site) VALUES ('{{~serial_number}}', '{{MAC}}', '{{~place}}');",
    "INSERT INTO shipments (order_no, carrier, tracking, eta) VALUES ('{{~order_number}}', 'UPS', '{{~tracking_number}}', '{{~event_date}}');",
    "INSERT INTO metrics (run_id, loss, lr) VALUES ('{{~uuid}}', {{~float}}, {{~float}});",
    "INSERT INTO users (username, password) VALUES ('{{PG}}', '{{PWD}}');",
    "INSERT INTO addresses (person, line1) VALUES ('{{P}}', '{{ADDR}}');",
]
F["sql_insert", "de"] = [
    "INSERT INTO kunden (nachname, vorname, geburtsdatum, iban) VALUES ('{{PS}}', '{{PG}}', '{{DOB}}', '{{IBAN}}');",
    "INSERT INTO mitarbeiter (name, steuer_id, telefon) VALUES ('{{P}}', '{{NID}}', '{{PHONE}}');",
    "INSERT INTO lieferanten (firma, ort, ust_id) VALUES ('{{~company}}', '{{~place}}', 'DE{{~order_number}}');",
    "INSERT INTO artikel (sku, bezeichnung, version) VALUES ('{{~sku}}', '{{~product}}', '{{~version}}');",
    "INSERT INTO adressen (kunde, anschrift) VALUES ('{{PI}}', '{{ADDR}}');",
]
F["sql_insert", "fr"] = [
    "INSERT INTO clients (nom, prenom, email, telephone) VALUES ('{{PS}}', '{{PG}}', '{{EMAIL}}', '{{PHONE}}');",
    "INSERT INTO assures (nir, nom, date_naissance) VALUES ('{{NID}}', '{{PU}}', '{{DOB}}');",
    "INSERT INTO fournisseurs (raison_sociale, ville) VALUES ('{{~company}}', '{{~place}}');",
    "INSERT INTO factures (numero, montant, emise_le) VALUES ('{{~invoice_id}}', {{~float}}, '{{~event_date}}');",
]
F["sql_insert", "es"] = [
    "INSERT INTO clientes (nombre, apellidos, dni, telefono) VALUES ('{{PG}}', '{{PS}}', '{{NID}}', '{{PHONE}}');",
    "INSERT INTO pedidos (numero, cliente, direccion) VALUES ('{{~order_number}}', '{{P}}', '{{ADDR}}');",
    "INSERT INTO productos (nombre, version, hash) VALUES ('{{~product}}', '{{~version}}', '{{~hash}}');",
]
F["sql_insert", "it"] = [
    "INSERT INTO anagrafica (cognome, nome, codice_fiscale, nato_il) VALUES ('{{PS}}', '{{PG}}', '{{NID}}', '{{DOB}}');",
    "INSERT INTO fornitori (ragione_sociale, citta) VALUES ('{{~company}}', '{{~place}}');",
    "INSERT INTO pagamenti (intestatario, iban) VALUES ('{{P}}', '{{IBAN}}');",
]
F["sql_insert", "pt"] = [
    "INSERT INTO clientes (nome, nif, email) VALUES ('{{P}}', '{{NID}}', '{{EMAIL}}');",
    "INSERT INTO encomendas (numero, morada) VALUES ('{{~order_number}}', '{{ADDR}}');",
    "INSERT INTO produtos (nome, versao) VALUES ('{{~product}}', '{{~version}}');",
]

# ------------------------------------------------------------------ YAML fixtures
F["yaml_fixture", "en"] = [
    "- model: accounts.user\n  pk: {{~order_number}}\n  fields:\n    first_name: {{PG}}\n    last_name: {{PS}}\n    email: {{EMAIL}}\n    date_joined: {{~timestamp}}",
    '- model: billing.card\n  fields:\n    holder: {{P}}\n    number: "{{CARD}}"\n    created: {{~timestamp}}',
    "services:\n  api:\n    image: {{~product}}:{{~version}}\n    environment:\n      DATABASE_URL: {{DBURL}}\n      SENTRY_RELEASE: {{~git_sha}}",
    "fixtures:\n  - name: {{~product}}\n    version: {{~version}}\n    checksum: {{~hash}}\n    homepage: {{~plain_url}}",
    'users:\n  - login: {{PG}}\n    password: "{{PWD}}"\n    last_ip: {{IP}}',
    'vendor:\n  name: {{~company}}\n  hq: {{~place}}\n  support: {{~role_or_reserved_email}}\n  api_key: "{{~placeholder_secret}}"',
    'patient:\n  name: {{P}}\n  dob: {{DOB}}\n  ssn: "{{NID}}"\n  address: {{ADDR}}',
    'device:\n  id: {{~uuid}}\n  mac: "{{MAC}}"\n  firmware: {{~version}}\n  location: [{{~coordinates}}]',
    "release:\n  tag: {{~version}}\n  build: {{~build_number}}\n  notes: Adds {{~eponym}} smoothing; thanks to {{~library}} maintainers.",
    'secrets:\n  openai: "{{~placeholder_secret}}"\n  hf: "{{KEY}}"',
]
F["yaml_fixture", "de"] = [
    "kunde:\n  name: {{P}}\n  geburtsdatum: {{DOB}}\n  anschrift: {{ADDR}}\n  iban: {{IBAN}}",
    "lieferant:\n  firma: {{~company}}\n  ort: {{~place}}\n  kontakt: {{~role_or_reserved_email}}",
    'mitarbeiter:\n  - name: {{PI}}\n    telefon: "{{PHONE}}"\n    steuer_id: "{{NID}}"',
    "artefakt:\n  modell: {{~product}}\n  version: {{~version}}\n  sha256: {{~hash}}",
]
F["yaml_fixture", "nl"] = [
    'klant:\n  naam: {{P}}\n  bsn: "{{NID}}"\n  adres: {{ADDR}}',
    "leverancier:\n  naam: {{~company}}\n  plaats: {{~place}}\n  versie: {{~version}}",
    'contact:\n  voornaam: {{PG}}\n  achternaam: {{PS}}\n  telefoon: "{{PHONE}}"',
]
F["yaml_fixture", "fr"] = [
    "client:\n  nom: {{PU}}\n  email: {{EMAIL}}\n  iban: {{IBAN}}",
    'fournisseur:\n  nom: {{~company}}\n  ville: {{~place}}\n  commande: "{{~order_number}}"',
]

# ------------------------------------------------------------------ JSON log lines
F["json_log", "en"] = [
    '{"level":"info","ts":"{{~timestamp}}","msg":"login ok","user":"{{EMAIL}}","remote_addr":"{{IP}}","req_id":"{{~uuid}}"}',
    '{"level":"warn","ts":"{{~timestamp}}","msg":"rate limited","client_ip":"{{IP6}}","path":"/v1/embeddings","trace":"{{~hash}}"}',
    '{"level":"error","ts":"{{~timestamp}}","msg":"auth failed","header":"Authorization: Bearer {{KEY}}","upstream":"{{~loopback_or_reserved_ip}}:8080"}',
    '{"level":"info","ts":"{{~timestamp}}","msg":"model loaded","model":"{{~product}}","version":"{{~version}}","sha":"{{~git_sha}}"}',
    '{"level":"info","ts":"{{~timestamp}}","msg":"healthcheck","host":"{{~documentation_ip}}","latency_ms":{{~float}}}',
    '{"level":"debug","ts":"{{~timestamp}}","msg":"payment","card":"{{CARD}}","amount":42.5,"order":"{{~order_number}}"}',
    '{"level":"info","ts":"{{~timestamp}}","event":"profile_update","name":"{{P}}","phone":"{{PHONE}}"}',
    '{"level":"info","ts":"{{~timestamp}}","msg":"dhcp lease","mac":"{{MAC}}","ip":"{{IP}}"}',
    '{"level":"info","ts":"{{~timestamp}}","msg":"build finished","build":"{{~build_number}}","artifact":"{{~hash}}","version":"{{~ip_like_version}}"}',
    '{"level":"warn","ts":"{{~timestamp}}","msg":"deprecated config","key":"api_key","value":"{{~placeholder_secret}}"}',
    '{"level":"info","ts":"{{~timestamp}}","msg":"webhook","to":"{{~role_or_reserved_email}}","url":"{{~plain_url}}"}',
    '{"level":"info","ts":"{{~timestamp}}","msg":"payout","wallet":"{{WALLET}}","user_id":{{~order_number}}}',
    '{"level":"error","ts":"{{~timestamp}}","msg":"db connect failed","dsn":"{{DBURL}}"}',
    '{"level":"info","ts":"{{~timestamp}}","msg":"geo","lat_lon":"{{~coordinates}}","city":"{{~place}}"}',
]
F["json_log", "de"] = [
    '{"level":"info","zeit":"{{~timestamp}}","meldung":"Anmeldung erfolgreich","benutzer":"{{P}}","ip":"{{IP}}"}',
    '{"level":"warn","zeit":"{{~timestamp}}","meldung":"Version {{~version}} veraltet","dienst":"{{~product}}"}',
    '{"level":"info","zeit":"{{~timestamp}}","meldung":"Lastschrift angelegt","iban":"{{IBAN}}","auftrag":"{{~order_number}}"}',
]
F["json_log", "fr"] = [
    '{"niveau":"info","horodatage":"{{~timestamp}}","message":"connexion","utilisateur":"{{EMAIL}}","ip":"{{IP}}"}',
    '{"niveau":"info","horodatage":"{{~timestamp}}","message":"déploiement {{~version}} terminé","service":"{{~product}}"}',
]

# ------------------------------------------------------------------ OCR-like scans
F["ocr", "de"] = [
    "BUNDESREPUBLIK DEUTSCHLAND\nReisepass / Passport\nName: {{PS}}\nVornamen: {{PG}}\nGeburtstag: {{DOB}}\nPass-Nr.: {{PASS}}",
    "Rechnung Nr. {{~invoice_id}}\n{{~company}} · {{~place}}\nKunde: {{P}}\n{{ADDR}}\nDatum: {{~event_date}}",
    "Lohnsteuerbescheinigung\nIdentifikationsnummer: {{NID}}\nArbeitnehmer: {{PI}}\ngeb. am {{DOB}}",
    "Lieferschein {{~order_number}}\nArtikel {{~sku}} · Charge {{~serial_number}}\nVersand am {{~event_date}} aus {{~place}}",
    "SEPA-Lastschriftmandat\nKontoinhaber: {{P}}\nIBAN: {{IBAN}}\nGläubiger: {{~company}}",
]
F["ocr", "fr"] = [
    "RÉPUBLIQUE FRANÇAISE\nCARTE VITALE\n{{PU}}\nN° {{NID}}",
    "Facture n° {{~invoice_id}}\n{{~company}} - {{~place}}\nClient : {{P}}\n{{ADDR}}",
    "Attestation\nJe soussigné(e) {{P}}, né(e) le {{DOB}}, demeurant {{ADDR}}, certifie sur l'honneur ...",
    "Bon de livraison {{~order_number}}\nRéf. {{~sku}}\nExpédié le {{~event_date}}",
]
F["ocr", "it"] = [
    "REPUBBLICA ITALIANA\nTESSERA SANITARIA\nCodice fiscale {{NID}}\nCognome {{PS}}\nNome {{PG}}\nData di nascita {{DOB}}",
    "Fattura n. {{~invoice_id}}\n{{~company}} - {{~place}}\nSpett.le {{P}}\n{{ADDR}}",
    "DDT {{~order_number}} del {{~event_date}}\nArticolo {{~sku}}",
]
F["ocr", "es"] = [
    "REINO DE ESPAÑA\nDOCUMENTO NACIONAL DE IDENTIDAD\nAPELLIDOS {{PS}}\nNOMBRE {{PG}}\nDNI {{NID}}\nFECHA DE NACIMIENTO {{DOB}}",
    "Factura {{~invoice_id}}\n{{~company}} · {{~place}}\nCliente: {{P}}\n{{ADDR}}",
    "Albarán {{~order_number}}\nFecha {{~event_date}}\nReferencia {{~sku}}",
]
F["ocr", "en"] = [
    "STATEMENT OF ACCOUNT\n{{PU}}\n{{ADDR}}\nAccount ending 4417 · Card {{CARD}}",
    "PASSPORT\nSurname {{PS}}\nGiven names {{PG}}\nDate of birth {{DOB}}\nPassport No. {{PASS}}",
    "Form W-9 (Rev. October 2018)\nName {{P}}\nSocial security number {{NID}}",
    "PACKING SLIP {{~order_number}}\nShip date {{~event_date}}\nItem {{~sku}} x 2\n{{~company}}, {{~place}}",
]
F["ocr", "nl"] = [
    "KONINKRIJK DER NEDERLANDEN\nPaspoort\nNaam {{PS}}\nVoornamen {{PG}}\nDocumentnummer {{PASS}}\nBSN {{NID}}",
    "Factuur {{~invoice_id}}\n{{~company}}, {{~place}}\nAan: {{P}}\n{{ADDR}}",
]

# ------------------------------------------------------------------ transcripts
F["transcript", "en"] = [
    "[00:00:03] AGENT: Thanks for calling, who am I speaking with?\n[00:00:06] CALLER: It's {{P}}.\n[00:00:09] AGENT: And the date of birth on the account?\n[00:00:12] CALLER: {{DOB}}.",
    "[00:01:14] AGENT: Can you read me the long number on the card?\n[00:01:19] CALLER: Sure, {{CARD}}.",
    "[00:04:40] {{PG}}: So the {{~product}} run on {{~version}} beat the {{~eponym}} baseline.\n[00:04:52] {{PG2}}: By how much?\n[00:04:55] {{PG}}: {{~float}}.",
    "[00:02:10] SPEAKER_1: Did {{~company}} confirm the order {{~order_number}}?\n[00:02:14] SPEAKER_2: Yes, it ships from {{~place}} on {{~event_date}}.",
    "[00:00:21] AGENT: What's the best number to reach you?\n[00:00:24] CALLER: {{PHONE}}, and my email is {{EMAIL}}.",
    "[00:03:02] AGENT: I'll need the social security number to verify.\n[00:03:06] CALLER: {{NID}}.",
    "[00:00:00] HOST: Welcome back to the podcast. Today we compare {{~product}} and {{~product}}.\n[00:00:08] GUEST: Happy to be here.",
    "[00:05:33] AGENT: And the delivery address?\n[00:05:37] CALLER: {{ADDR}}.",
]
F["transcript", "de"] = [
    "[00:00:04] Agent: Mit wem spreche ich?\n[00:00:06] Anrufer: {{P}}, guten Tag.\n[00:00:09] Agent: Ihr Geburtsdatum bitte?\n[00:00:11] Anrufer: {{DOB}}.",
    "[00:02:30] Agent: Die IBAN für die Erstattung?\n[00:02:35] Anruferin: {{IBAN}}.",
    "[00:10:01] Moderatorin: Heute geht es um {{~product}} und {{~company}}.\n[00:10:09] Gast: Danke für die Einladung.",
    "[00:01:12] {{PG}}: Der Build {{~build_number}} ist grün.\n[00:01:15] {{PG2}}: Super, dann taggen wir {{~version}}.",
]
F["transcript", "es"] = [
    "[00:00:05] Agente: ¿Con quién hablo?\n[00:00:07] Cliente: Con {{P}}.\n[00:00:10] Agente: ¿Me dice su DNI?\n[00:00:13] Cliente: {{NID}}.",
    "[00:03:20] Agente: ¿Dirección de envío?\n[00:03:24] Cliente: {{ADDR}}.",
    "[00:00:00] Presentadora: Hoy hablamos de {{~product}} con gente de {{~company}}.",
]
F["transcript", "fr"] = [
    "[00:00:04] Conseiller : À qui ai-je l'honneur ?\n[00:00:06] Appelant : {{P}}.\n[00:00:09] Conseiller : Votre numéro de téléphone ?\n[00:00:12] Appelant : {{PHONE}}.",
    "[00:07:15] Intervenant 1 : La version {{~version}} de {{~product}} sort le {{~event_date}}.\n[00:07:20] Intervenant 2 : Parfait.",
]
F["transcript", "pt"] = [
    "[00:00:03] Atendente: Com quem eu falo?\n[00:00:05] Cliente: {{P}}.\n[00:00:08] Atendente: Pode confirmar o CPF?\n[00:00:11] Cliente: {{NID}}.",
    "[00:04:02] Atendente: O pedido {{~order_number}} sai de {{~place}} amanhã.",
]
F["transcript", "it"] = [
    "[00:00:04] Operatore: Con chi parlo?\n[00:00:06] Cliente: {{P}}.\n[00:00:09] Operatore: Il codice fiscale?\n[00:00:12] Cliente: {{NID}}.",
    "[00:02:44] Relatore: Il modello {{~product}} {{~version}} è stato addestrato a {{~place}}.",
]

# ------------------------------------------------------------------ mixed-language e-mail threads
F["email_thread", "de-en"] = [
    "Hallo {{PG}},\n\nanbei die Unterlagen. Meine Handynummer: {{PHONE}}.\n\nViele Grüße\n{{PG2}}\n\n> On {{~event_date}}, {{P}} <{{EMAIL}}> wrote:\n> Could you send me the signed contract for {{~company}}?",
    "Hi {{PG}},\n\nthe invoice {{~invoice_id}} is attached.\n\nBest,\n{{PG2}}\n\n> Am {{~event_date}} schrieb {{~role_or_reserved_email}}:\n> Bitte senden Sie uns die Rechnung für {{~product}} {{~version}}.",
    "Sehr geehrte Frau {{PS:f}},\n\nwir haben Ihre neue Anschrift ({{ADDR}}) übernommen.\n\n> From: {{P:f}} <{{EMAIL}}>\n> Please update my address, I moved last month.",
    "Hallo zusammen,\n\n{{~product}} läuft seit {{~version}} stabil.\n\n> On {{~event_date}} the {{~company}} team wrote:\n> Any issues with the {{~library}} upgrade?",
]
F["email_thread", "fr-en"] = [
    "Bonjour {{PG}},\n\nvoici mon RIB : {{IBAN}}.\n\nCordialement,\n{{P2}}\n\n> On {{~event_date}}, {{~role_or_reserved_email}} wrote:\n> Please send your bank details for the refund.",
    "Hi {{PG}},\n\nthanks, received.\n\n> Le {{~event_date}}, {{P2}} <{{EMAIL2}}> a écrit :\n> Je vous envoie le bon de commande {{~order_number}}.",
    "Bonjour,\n\nla livraison {{~tracking_number}} part de {{~place}} demain.\n\n> On {{~event_date}}, {{~company}} wrote:\n> When will order {{~order_number}} ship?",
]
F["email_thread", "es-en"] = [
    "Hola {{PG}},\n\nte paso mi teléfono: {{PHONE}}.\n\nUn saludo,\n{{PG2}}\n\n> On {{~event_date}}, {{P}} wrote:\n> What's the best number to reach you?",
    "Hi,\n\nthe build {{~build_number}} is fine.\n\n> El {{~event_date}}, el equipo de {{~company}} escribió:\n> ¿Funciona {{~product}} {{~version}} en producción?",
]
F["email_thread", "nl-en"] = [
    "Hoi {{PG}},\n\nmijn nieuwe adres is {{ADDR}}.\n\nGroet,\n{{PG2}}\n\n> On {{~event_date}}, {{P}} <{{EMAIL}}> wrote:\n> Where should we ship the laptop?",
    "Hi all,\n\n{{~product}} {{~version}} is live.\n\n> Op {{~event_date}} schreef {{~role_or_reserved_email}}:\n> Wanneer komt de nieuwe versie?",
]
F["email_thread", "it-en"] = [
    "Ciao {{PG}},\n\nil mio codice fiscale è {{NID}}.\n\nA presto,\n{{PG2}}\n\n> On {{~event_date}}, {{~role_or_reserved_email}} wrote:\n> We need your tax code for the contract.",
    "Hi,\n\nthe meeting in {{~place}} is confirmed.\n\n> Il {{~event_date}}, {{~company}} ha scritto:\n> Confermate l'incontro?",
]
F["email_thread", "pt-en"] = [
    "Olá {{PG}},\n\nsegue o meu NIF: {{NID}}.\n\nCumprimentos,\n{{P2}}\n\n> On {{~event_date}}, {{~role_or_reserved_email}} wrote:\n> Please send your tax number.",
]
F["email_thread", "pl-en"] = [
    "Cześć {{PG}},\n\nmój numer to {{PHONE}}.\n\nPozdrawiam,\n{{PG2}}\n\n> On {{~event_date}}, {{P}} wrote:\n> Can you share your phone number?",
    "Hi,\n\nwersja {{~version}} działa.\n\n> On {{~event_date}}, {{~company}} wrote:\n> Does {{~product}} work on the new cluster?",
]

# ------------------------------------------------------------------ markdown tables
F["markdown_table", "en"] = [
    "| Name | Email | Phone |\n|---|---|---|\n| {{P}} | {{EMAIL}} | {{PHONE}} |\n| {{P2}} | {{EMAIL2}} | {{PHONE2}} |",
    "| Model | Version | F1 | Checksum |\n|---|---|---|---|\n| {{~product}} | {{~version}} | {{~float}} | {{~hash}} |\n| {{~product}} | {{~version}} | {{~float}} | {{~hash}} |",
    "| Host | IP | MAC |\n|---|---|---|\n| build-07 | {{IP}} | {{MAC}} |\n| localhost | {{~loopback_or_reserved_ip}} | — |",
    "| Vendor | City | Contact |\n|---|---|---|\n| {{~company}} | {{~place}} | {{~role_or_reserved_email}} |\n| {{~company}} | {{~place}} | {{~role_or_reserved_email}} |",
    "| Owner | Key | Expires |\n|---|---|---|\n| {{P}} | `{{KEY}}` | {{~event_date}} |\n| ci-bot | `{{~placeholder_secret}}` | never |",
    "| Release | Build | Commit | Date |\n|---|---|---|---|\n| {{~version}} | {{~build_number}} | {{~git_sha}} | {{~event_date}} |",
    "| Employee | SSN | Start date |\n|---|---|---|\n| {{PI}} | {{NID}} | {{~event_date}} |",
    "| Employee | NI number | Payroll |\n|---|---|---|\n| {{PI}} | {{NID:UK_NINO}} | {{~invoice_id}} |",
]
F["markdown_table", "de"] = [
    "| Name | Geburtsdatum | Anschrift |\n|---|---|---|\n| {{P}} | {{DOB}} | {{ADDR}} |",
    "| Produkt | Version | Werk |\n|---|---|---|\n| {{~product}} | {{~version}} | {{~place}} |\n| {{~product}} | {{~version}} | {{~place}} |",
    "| Kunde | IBAN |\n|---|---|\n| {{PI}} | {{IBAN}} |",
]
F["markdown_table", "fr"] = [
    "| Nom | Téléphone | Courriel |\n|---|---|---|\n| {{P}} | {{PHONE}} | {{EMAIL}} |",
    "| Fournisseur | Ville | Commande |\n|---|---|---|\n| {{~company}} | {{~place}} | {{~order_number}} |",
]
F["markdown_table", "es"] = [
    "| Nombre | DNI | Teléfono |\n|---|---|---|\n| {{P}} | {{NID}} | {{PHONE}} |",
    "| Modelo | Versión | Precisión |\n|---|---|---|\n| {{~product}} | {{~version}} | {{~float}} |",
]
F["markdown_table", "cs"] = [
    "| Jméno | Rodné číslo | Telefon |\n|---|---|---|\n| {{P}} | {{NID}} | {{PHONE}} |",
    "| Produkt | Verze | Sklad |\n|---|---|---|\n| {{~product}} | {{~version}} | {{~place}} |",
]
F["markdown_table", "da"] = [
    "| Navn | CPR | Adresse |\n|---|---|---|\n| {{P}} | {{NID}} | {{ADDR}} |",
    "| Leverandør | By | Ordre |\n|---|---|---|\n| {{~company}} | {{~place}} | {{~order_number}} |",
]

# ------------------------------------------------------------------ contact cards and invites
F["vcard", "en"] = [
    "BEGIN:VCARD\nVERSION:3.0\nN:{{PS}};{{PG}};;;\nFN:{{P}}\nTEL;TYPE=CELL:{{PHONE}}\nEMAIL:{{EMAIL}}\nADR;TYPE=HOME:;;{{ADDR}};;;;\nEND:VCARD",
    "BEGIN:VCALENDAR\nBEGIN:VEVENT\nUID:{{~uuid}}\nDTSTART:20260312T090000Z\nSUMMARY:{{~product}} {{~version}} launch review\nLOCATION:{{~place}}\nORGANIZER:mailto:{{~role_or_reserved_email}}\nEND:VEVENT\nEND:VCALENDAR",
    "BEGIN:VCALENDAR\nBEGIN:VEVENT\nUID:{{~uuid}}\nSUMMARY:1:1 {{PG}} / {{PG2}}\nATTENDEE;CN={{P}}:mailto:{{EMAIL}}\nEND:VEVENT\nEND:VCALENDAR",
    "BEGIN:VCARD\nVERSION:4.0\nFN:{{~company}}\nORG:{{~company}}\nEMAIL:{{~role_or_reserved_email}}\nURL:{{~plain_url}}\nEND:VCARD",
]
F["vcard", "de"] = [
    "BEGIN:VCARD\nVERSION:3.0\nN:{{PS}};{{PG}};;;\nFN:{{P}}\nTEL;TYPE=HOME:{{PHONE}}\nBDAY:{{DOB}}\nEND:VCARD",
    "BEGIN:VCALENDAR\nBEGIN:VEVENT\nSUMMARY:Werksbesuch {{~company}}\nLOCATION:{{~place}}\nDESCRIPTION:Firmware {{~version}}\nEND:VEVENT\nEND:VCALENDAR",
]
F["vcard", "fi"] = [
    "BEGIN:VCARD\nVERSION:3.0\nFN:{{P}}\nTEL:{{PHONE}}\nNOTE:henkilötunnus {{NID}}\nEND:VCARD",
    "BEGIN:VCALENDAR\nBEGIN:VEVENT\nSUMMARY:{{~product}} demo\nLOCATION:{{~place}}\nEND:VEVENT\nEND:VCALENDAR",
]
F["vcard", "ro"] = [
    "BEGIN:VCARD\nVERSION:3.0\nFN:{{P}}\nTEL:{{PHONE}}\nNOTE:CNP {{NID}}\nADR:;;{{ADDR}};;;;\nEND:VCARD",
    "BEGIN:VCARD\nVERSION:3.0\nFN:{{~company}}\nEMAIL:{{~role_or_reserved_email}}\nEND:VCARD",
]

# ------------------------------------------------------------------ LLM prompt logs (JSONL datasets)
F["prompt_log", "en"] = [
    '{"role": "user", "content": "Write a polite reminder to {{P}} ({{EMAIL}}) that invoice {{~invoice_id}} is overdue."}',
    '{"role": "user", "content": "Summarise the differences between {{~product}} and {{~product}} for a blog post."}',
    '{"role": "user", "content": "My SSN is {{NID}} and I was born {{DOB}}, can you fill in this form for me?"}',
    '{"role": "assistant", "content": "{{~product}} was released by {{~company}}; version {{~version}} added {{~eponym}}."}',
    '{"role": "user", "content": "debug this: requests.get(url, headers={\\"Authorization\\": \\"Bearer {{KEY}}\\"}) returns 401"}',
    '{"role": "user", "content": "Translate to French: Dear {{PG}}, your parcel {{~tracking_number}} left {{~place}}."}',
    '{"role": "user", "content": "Explain {{~eponym}} like I am five."}',
    '{"role": "user", "content": "Send 0.1 ETH to {{WALLET}} and tell {{PG}} it is done"}',
    '{"role": "user", "content": "Is {{~loopback_or_reserved_ip}} or {{~documentation_ip}} the right host for the tutorial?"}',
]
F["prompt_log", "de"] = [
    '{"role": "user", "content": "Schreib eine Mail an {{P}}: Die Lieferung an {{ADDR}} verschiebt sich."}',
    '{"role": "user", "content": "Was ist der Unterschied zwischen {{~product}} und {{~product}}?"}',
    '{"role": "user", "content": "Meine Steuer-ID ist {{NID}}, trag sie bitte in das Formular ein."}',
]
F["prompt_log", "es"] = [
    '{"role": "user", "content": "Redacta un correo para {{P}} confirmando la cita del {{~event_date}} en {{~place}}."}',
    '{"role": "user", "content": "¿{{~product}} o {{~product}} para clasificar textos?"}',
    '{"role": "user", "content": "Mi tarjeta {{CARD}} fue rechazada, ¿qué hago?"}',
]
F["prompt_log", "fr"] = [
    '{"role": "user", "content": "Rédige une lettre pour {{P}}, né le {{DOB}}, demeurant {{ADDR}}."}',
    '{"role": "user", "content": "Compare {{~product}} et {{~product}} pour un chatbot."}',
]
F["prompt_log", "it"] = [
    '{"role": "user", "content": "Scrivi a {{P}} ({{EMAIL}}) che il pacco {{~tracking_number}} è in ritardo."}',
    '{"role": "user", "content": "Spiegami {{~eponym}} in due righe."}',
]

# ------------------------------------------------------------------ project documents (mostly look-alikes)
F["project_doc", "en"] = [
    "Copyright (c) {{~date_of_event}} {{~attribution_person}}\n\nPermission is hereby granted, free of charge, to any person obtaining a copy of this software ...",
    "## Acknowledgements\n\nWe thank {{~company}} for compute and the {{~library}} maintainers. Weights were converted from {{~product}} ({{~version}}).",
    "## Changelog\n\n### {{~version}} ({{~event_date}})\n- Fix {{~eponym}} overflow ({{~ticket_number}}, {{~git_sha}})\n- Bump {{~library}} to {{~version}}",
    "# Dataset card\n\nCollected in {{~place}} and {{~place}}. No personal data. Checksum `{{~hash}}`. Contact: {{~role_or_reserved_email}}.",
    "Install with `pip install {{~library}}=={{~version}}`, then point `HF_TOKEN` at `{{~placeholder_secret}}`.",
    "Maintainer: {{P}} <{{EMAIL}}>. Please report security issues to {{~role_or_reserved_email}}.",
    "Benchmarks were run on {{~product}} nodes in {{~place}} (driver {{~ip_like_version}}).",
    "Authors: {{~attribution_person}}, {{~attribution_person}} (2023). Licensed under Apache-2.0.",
]

# ------------------------------------------------------------------ voice-assistant and support-bot logs
F["assistant_log", "en"] = [
    '[{{~timestamp}}] wake word: {{~product=Alexa}} | utterance: "{{~product=Alexa}}, call {{P}}" | resolved: {{PHONE}}',
    '[{{~timestamp}}] utterance: "Hey {{~product=Siri}}, how far is {{~place}}?" | intent: directions | device {{~uuid}}',
    '[{{~timestamp}}] utterance: "OK Google, play {{~company=Johnnie Walker}} ad jingle" | intent: media',
    "[{{~timestamp}}] bot {{~product=Ada}}: Hi! I'm {{~product=Ada}}, your virtual assistant. How can I help? | session {{~uuid}}",
    "[{{~timestamp}}] user: {{~name_word=Will}} the parcel arrive before {{~event_date}}? | order {{~order_number}}",
    "[{{~timestamp}}] user: my name is {{P}} and my passport is {{PASS}} | bot: Thanks {{PG}}, verifying.",
    "[{{~timestamp}}] user: {{~name_word=Mark}} the ticket {{~ticket_number}} as solved please | agent: done",
    "[{{~timestamp}}] user: send the refund to {{IBAN}}, it's in my name, {{P}} | bot: noted",
    "[{{~timestamp}}] user: {{~name_word=Hope}} you can help, {{~product}} keeps logging me out | bot: Let's check build {{~build_number}}",
    "[{{~timestamp}}] user: wire the payout to {{WALLET}} | bot: crypto payouts are not supported",
    "[{{~timestamp}}] user: is {{~company=Dr. Martens}} open in {{~place=Charlotte}} on Sunday? | bot: yes, 10-17",
    "[{{~timestamp}}] user: {{~name_word=Grace}} period for invoice {{~invoice_id}}? | bot: 14 days",
]
F["assistant_log", "de"] = [
    "[{{~timestamp}}] Nutzer: {{~product=Alexa}}, ruf {{P}} an | aufgelöst: {{PHONE}}",
    "[{{~timestamp}}] Nutzer: Wie weit ist es nach {{~place=Sankt Augustin}}? | Absicht: Route",
    "[{{~timestamp}}] Nutzer: Ich heiße {{P}}, meine Passnummer ist {{PASS}} | Bot: Danke, ich prüfe das.",
    "[{{~timestamp}}] Bot {{~product=Hugo}}: Hallo, ich bin {{~product=Hugo}}, der digitale Assistent von {{~company}}.",
]
F["assistant_log", "fr"] = [
    "[{{~timestamp}}] utilisateur : je m'appelle {{P}}, passeport {{PASS}} | bot : merci, vérification en cours",
    "[{{~timestamp}}] utilisateur : la boutique {{~company=Lacoste}} de {{~place=Saint-Étienne}} est ouverte ? | bot : oui",
]

# ------------------------------------------------------------------ infrastructure and CI output
F["ci_output", "en"] = [
    "Step 7/12 : ENV DATABASE_URL={{DBURL}}\n ---> Running in {{~git_sha}}",
    "fatal: unable to access 'https://gitlab.northwind-logistics.eu/ml/ranker.git/': The requested URL returned error: 403\nhint: the token {{KEY}} lacks the write_repository scope",
    "celery -A tasks worker --loglevel=INFO --broker {{DBURL}}",
    "Successfully built {{~product}}:{{~version}} ({{~hash}}) in 42.7s, build {{~build_number}}",
    "ok  \tgithub.com/acme/ranker/internal/store\t{{~float}}s\ncoverage: 81.3% of statements",
    "eth0: flags=4163<UP,BROADCAST,RUNNING,MULTICAST>  mtu 1500\n        inet {{IP}}  netmask {{~loopback_or_reserved_ip=255.255.255.0}}\n        ether {{MAC}}  txqueuelen 1000",
    "lo: flags=73<UP,LOOPBACK,RUNNING>  mtu 65536\n        inet {{~loopback_or_reserved_ip=127.0.0.1}}  netmask 255.0.0.0",
    "Downloading {{~product}} weights (sha256 {{~hash}}) from {{~plain_url}}",
    "export API_TOKEN={{KEY}}\nexport AWS_DEFAULT_REGION=eu-central-1",
    "export AWS_ACCESS_KEY_ID={{~placeholder_secret=AKIAIOSFODNN7EXAMPLE}}  # from the AWS docs",
    "Payout address set to {{WALLET}} for miner rig-{{~serial_number}}",
    "Release {{~version}} signed by key {{~hash}}; NVIDIA driver {{~ip_like_version}}, CUDA {{~version}}",
]

FRAMES = F
