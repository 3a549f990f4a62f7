# ruff: noqa: E501  (hand-written text and word lists, one entry a line)
"""Hand-written frames: (style, language, text) with slots for values and look-alikes.

Slots: ``{P1}`` a person's full name (``{P1f}`` / ``{P1m}`` a woman's or man's), ``{P1.g}``
given name, ``{P1.s}`` surname, ``{P1.u}`` ``SURNAME Given``, ``{P1.i}`` ``Surname, Given``;
``{E1}`` that person's e-mail; ``{EMAIL}``, ``{PHONE}``, ``{PHONE_ALT}``, ``{IBAN}``, ``{NID}``,
``{SSN}``, ``{DOB}``, ``{ADDR}``, ``{CARD}``, ``{IP}``, ``{MAC}``, ``{TOKEN}``, ``{PASSWORD}``,
``{PASSPORT}``, ``{WALLET}``, ``{DBURL}``: labelled values in the language's formats;
``{~kind}``: a look-alike of that kind (``decoys.KINDS``). A frame without labelled slots is
a negative record.
"""

from __future__ import annotations

F = list[tuple[str, str, str]]

DE: F = [
    (
        "medical_referral",
        "de",
        "Überweisungsschein\nPatientin: {P1f.i}, geb. {DOB}\nAnschrift: {ADDR}\nDiagnose: V. a. {~eponym}, bitte neurologische Abklärung.\nÜberweisender Arzt: Dr. med. {P2.s}, Tel. {PHONE}",
    ),
    (
        "legal_filing",
        "de",
        "Landgericht Köln, Az. {~case_number}\nIn dem Rechtsstreit {P1m} ./. {~company} Vertriebs GmbH wird Termin zur mündlichen Verhandlung bestimmt auf den {~event_date}. Der Kläger wird durch Rechtsanwältin {P2f} vertreten.",
    ),
    (
        "support_ticket",
        "de",
        "Ticket {~order_number} – Rückerstattung\nKunde: {P1} ({E1})\nBitte die Gutschrift auf {IBAN} überweisen, nicht auf die Karte. Gerät: {~product}-Lautsprecher, Firmware {~version}.\nBearbeitet von {P2.g} (2nd Level)",
    ),
    (
        "sms_thread",
        "de",
        "[18:02] {P1.g}: bin gleich am Bahnhof, Gleis 4\n[18:03] Ich: ok, ruf kurz an wenn du da bist {PHONE}\n[18:05] {P1.g}: Zug hat 10 min Verspätung 🙄",
    ),
    (
        "real_estate",
        "de",
        "Helle 3-Zimmer-Wohnung in Altbau, 78 m², 3. OG, nähe {~place}. Kaltmiete {~price}, Besichtigung am {~event_date}. Anfragen nur über das Portal, Objekt-Nr. {~sku}.",
    ),
    (
        "log_lines",
        "de",
        "2024-05-11 03:14:07 WARN  auth  fehlgeschlagener Login für {E1} von {IP}\n2024-05-11 03:14:09 INFO  auth  Konto gesperrt nach 5 Versuchen (Build {~build_number})",
    ),
    (
        "school_newsletter",
        "de",
        "Elternbrief Klasse 4b\nLiebe Eltern, unser Sommerfest findet am {~event_date} statt. Die Theater-AG führt „{~eponym}“ auf – nein, Spaß: „Der Räuber Hotzenplotz“. Kuchenspenden bitte an den Elternbeirat, {~role_or_reserved_email}.",
    ),
    (
        "git_log",
        "de",
        "commit {~git_sha}\nAuthor: {P1} <{E1}>\nDate:   Tue Mar 5 14:22:31 2024 +0100\n\n    Bump parser auf {~version}, behebt {~cve}",
    ),
    (
        "incident_report",
        "de",
        "Einsatzbericht Polizeirevier Mitte\nGeschädigte: {P1f}, geb. {DOB}, wohnhaft {ADDR}\nSachverhalt: Diebstahl eines Fahrrads (Rahmennr. {~serial_number}). Zeugin {P2f.s} meldete sich telefonisch unter {PHONE}.",
    ),
    (
        "spreadsheet_paste",
        "de",
        "Name\tGeburtsdatum\tSteuer-ID\tTelefon\n{P1}\t{DOB}\t{NID}\t{PHONE}\n{P2}\t{DOB}\t{NID}\t{PHONE}",
    ),
    (
        "app_review",
        "de",
        "★★☆☆☆ Seit dem Update auf {~version} stürzt die App beim Scannen ab. {~company} bitte fixen! Gerät: Pixel 7, Android 14 (Build {~ip_like_version}).",
    ),
    (
        "conference_programme",
        "de",
        "14:00 Keynote: „Vertrauenswürdige KI“ – Prof. Dr. {P1} (Universität Leipzig)\n15:30 Panel mit {P2} und {P3}, Moderation: {P4}\nRaum: {~place}-Saal",
    ),
    (
        "dataset_card",
        "de",
        "## Datensatzkarte: de-news-2023\nLizenz: CC BY 4.0 · Version {~version} · Prüfsumme {~hash}\nBeispiele stammen aus öffentlichen Pressemitteilungen; Namen wurden entfernt. Kontakt: {~role_or_reserved_email}",
    ),
]

FR: F = [
    (
        "medical_referral",
        "fr",
        "Cher confrère,\nJe vous adresse Mme {P1f}, née le {DOB}, pour bilan d'une suspicion de {~eponym}. N° de sécurité sociale : {NID}.\nBien confraternellement, Dr {P2.s}",
    ),
    (
        "legal_filing",
        "fr",
        "TRIBUNAL JUDICIAIRE DE LYON – {~case_number}\nDEMANDEUR : M. {P1m.u}, demeurant {ADDR}\nDÉFENDEUR : la société {~company} SAS\nAudience fixée au {~event_date}.",
    ),
    (
        "support_ticket",
        "fr",
        "Bonjour,\nma commande {~order_number} n'est jamais arrivée (suivi {~tracking_number}). Merci de me rappeler au {PHONE}.\nCordialement, {P1}",
    ),
    (
        "sms_thread",
        "fr",
        "{P1.g} : t'as le code wifi ?\nmoi : {PASSWORD}\n{P1.g} : merci !! on arrive vers 20h",
    ),
    (
        "real_estate",
        "fr",
        "À vendre : T3 lumineux, 64 m², proche {~place}, DPE C. Prix : {~price}. Visites le samedi, réf. {~sku}.",
    ),
    (
        "school_newsletter",
        "fr",
        "Lettre aux familles – École élémentaire\nLa kermesse aura lieu le {~event_date}. Merci à l'association des parents ({~role_or_reserved_email}) pour son aide. Rappel : sortie au musée {~place}.",
    ),
    (
        "log_lines",
        "fr",
        "Mar 12 09:41:55 srv-web02 sshd[2211]: Accepted publickey for deploy from {IP} port 52144\nMar 12 09:42:01 srv-web02 app[901]: release {~version} deployed, build {~build_number}",
    ),
    (
        "conference_programme",
        "fr",
        "Programme – Journées francophones du TAL\n9h30 Ouverture par {P1}\n10h00 « Détection d'entités nommées » – {P2} et {P3}\nPause café offerte par {~company}",
    ),
    (
        "app_review",
        "fr",
        "★★★★☆ Super appli de covoiturage, mais la version {~version} oublie mon adresse enregistrée. Le support ({~role_or_reserved_email}) a répondu vite.",
    ),
    (
        "incident_report",
        "fr",
        "Main courante – Commissariat du 11e\nDéclarante : {P1f.u}, née le {DOB}, tél. {PHONE}\nObjet : perte de passeport n° {PASSPORT}.",
    ),
    (
        "spreadsheet_paste",
        "fr",
        "Nom;Prénom;IBAN;Montant\n{P1.s};{P1.g};{IBAN};{~price}\n{P2.s};{P2.g};{IBAN};{~price}",
    ),
    (
        "dataset_card",
        "fr",
        "Fiche du jeu de données fr-avis-clients\nVersion {~version} – {~doi}\nLes avis mentionnant des marques ({~company}, {~company}) ont été conservés ; les noms des clients ont été supprimés.",
    ),
]

ES: F = [
    (
        "medical_referral",
        "es",
        "Hoja de derivación – Centro de Salud\nPaciente: {P1}, DNI {NID}, fecha de nacimiento {DOB}\nMotivo: estudio de {~eponym}. Teléfono de contacto: {PHONE}",
    ),
    (
        "legal_filing",
        "es",
        "JUZGADO DE PRIMERA INSTANCIA N.º 4 DE MADRID\nProcedimiento {~case_number}\nDemandante: D. {P1m}, con domicilio en {ADDR}\nDemandada: {~company} S.A.",
    ),
    (
        "support_ticket",
        "es",
        "Hola, soy {P1.g}. Me cobraron dos veces el pedido {~order_number} con la tarjeta {CARD}. ¿Me lo podéis devolver? Gracias.",
    ),
    (
        "sms_thread",
        "es",
        "Mamá: ¿llegaste bien?\n{P1.g}: sí, el vuelo {~flight_number} aterrizó puntual\nMamá: dale un beso a {P2.g} de mi parte",
    ),
    (
        "real_estate",
        "es",
        "Piso en venta, 3 habitaciones, 2 baños, junto a {~place}. {~price}. Ref. {~sku}. Visitas con cita previa en nuestra oficina.",
    ),
    (
        "log_lines",
        "es",
        "[2024-02-01 11:03:44] ERROR pagos: tarjeta rechazada para cliente {E1} (ip={IP})\n[2024-02-01 11:03:45] INFO reintento programado, job {~uuid}",
    ),
    (
        "conference_programme",
        "es",
        "Congreso Nacional de Enfermería\n10:00 Mesa redonda: «Cuidados en la {~eponym}» – {P1} y {P2}\n12:00 Premio {~award}: entrega a cargo de la organización",
    ),
    (
        "app_review",
        "es",
        "⭐⭐⭐⭐⭐ La mejor app para seguir envíos, con el número {~tracking_number} lo tenía localizado al minuto. Versión {~version}.",
    ),
    (
        "school_newsletter",
        "es",
        "Circular del AMPA\nEl festival de fin de curso será el {~event_date} en el salón de actos. La compañía {~company} patrocina las camisetas. Dudas: {~role_or_reserved_email}",
    ),
    (
        "incident_report",
        "es",
        "Atestado n.º {~case_number}\nDenunciante: {P1f.u}, nacida el {DOB}, pasaporte {PASSPORT}\nHechos: sustracción de teléfono móvil en la estación {~place}.",
    ),
    (
        "spreadsheet_paste",
        "es",
        "Producto | SKU | Stock | Precio\n{~product} | {~sku} | 14 | {~price}\nAltavoz {~company} | {~sku} | 3 | {~price}",
    ),
    (
        "git_log",
        "es",
        '# TODO({P1.g}): quitar esto antes de producción\nSTRIPE_KEY = "{TOKEN}"\n# probado con {~version} en {~documentation_ip}',
    ),
]

BR: F = [
    (
        "medical_referral",
        "br",
        "Encaminhamento – UBS Vila Mariana\nPaciente: {P1}, CPF {NID}, nascida em {DOB}\nEncaminho à reumatologia para investigação. Contato: {PHONE}\nDra. {P2f.s}, CRM-SP",
    ),
    (
        "legal_filing",
        "br",
        "EXCELENTÍSSIMO SENHOR JUIZ DE DIREITO DA 2ª VARA CÍVEL\n{P1m.u}, brasileiro, inscrito no CPF sob o nº {NID}, residente à {ADDR}, vem propor AÇÃO DE INDENIZAÇÃO em face de {~company} S.A.",
    ),
    (
        "support_ticket",
        "br",
        "Protocolo {~order_number}\nCliente {P1} informa que o Pix não caiu. Chave: {E1}. Atendente: {P2.g}.",
    ),
    (
        "sms_thread",
        "br",
        "{P1.g}: amor, passa no mercado?\n{P2.g}: passo sim, manda a lista\n{P1.g}: pão, leite e o {~product} que acabou kkk",
    ),
    (
        "real_estate",
        "br",
        "Apartamento 2 quartos, 58 m², próximo à {~place}. Condomínio {~price}. Código do imóvel {~sku}. Agende sua visita pelo site.",
    ),
    (
        "app_review",
        "br",
        "⭐⭐ O app do banco travou na versão {~version} e não consigo fazer Pix. {~company} resolve isso por favor!",
    ),
    (
        "conference_programme",
        "br",
        "Semana de Tecnologia – Programação\n19h Abertura: {P1}\n19h30 Palestra: «LGPD na prática» com {P2} ({~company})\nLocal: Auditório {~place}",
    ),
    (
        "dataset_card",
        "br",
        "## Cartão do conjunto de dados: ptbr-tweets-saude\nVersão {~version} · hash {~hash}\nMenções a marcas ({~company}) mantidas; nomes de usuários anonimizados. Contato: {~role_or_reserved_email}",
    ),
    (
        "incident_report",
        "br",
        "Boletim de Ocorrência nº {~case_number}\nVítima: {P1f}, RG e CPF {NID}, nascida em {DOB}, telefone {PHONE}\nNatureza: furto de celular próximo à {~place}.",
    ),
    (
        "spreadsheet_paste",
        "br",
        "nome,cpf,telefone,cidade\n{P1},{NID},{PHONE},Recife\n{P2},{NID},{PHONE},Campinas",
    ),
    (
        "log_lines",
        "br",
        "2024-07-19T22:10:03Z [pagamentos] pedido {~order_number} pago, cliente={E1} cartão final ****{~build_number}\n2024-07-19T22:10:04Z [pagamentos] webhook ok ({~uuid})",
    ),
    (
        "school_newsletter",
        "br",
        "Informativo da Escola Estadual\nA festa junina será no dia {~event_date}. Doações de prendas na secretaria. Dúvidas: {~role_or_reserved_email}.",
    ),
]

IT: F = [
    (
        "medical_referral",
        "it",
        "Impegnativa – Ricetta SSN\nAssistita: {P1f.u}, nata il {DOB}\nCodice fiscale: {NID}\nQuesito diagnostico: sospetta {~eponym}. Medico: dott. {P2m.s}",
    ),
    (
        "legal_filing",
        "it",
        "TRIBUNALE ORDINARIO DI MILANO – R.G. {~case_number}\nAtto di citazione per il sig. {P1m}, residente in {ADDR}, contro {~company} S.p.A.",
    ),
    (
        "support_ticket",
        "it",
        "Buongiorno, sono {P1}. Il modem {~product} si riavvia di continuo (seriale {~serial_number}, MAC {MAC}). Potete richiamarmi al {PHONE}?",
    ),
    (
        "sms_thread",
        "it",
        "{P1.g}: ci vediamo a {~place} alle 8?\nIo: perfetto, porto anche {P2.g}\n{P1.g}: 👍",
    ),
    (
        "real_estate",
        "it",
        "Vendesi trilocale ristrutturato, 85 mq, a due passi da {~place}. Classe energetica B. {~price}. Rif. {~sku}.",
    ),
    (
        "app_review",
        "it",
        "★☆☆☆☆ Dopo l'aggiornamento {~version} non riesco più ad accedere con SPID. Assistenza {~company} inesistente.",
    ),
    (
        "conference_programme",
        "it",
        "Programma del convegno\nore 9:30 Saluti istituzionali – {P1}\nore 10:00 «Reti neurali e diritto» – {P2}, {P3}\nore 13:00 Pranzo offerto da {~company}",
    ),
    (
        "incident_report",
        "it",
        "Verbale di denuncia – Stazione Carabinieri\nDenunciante: {P1m}, nato il {DOB}, passaporto {PASSPORT}, residente in {ADDR}.",
    ),
    (
        "spreadsheet_paste",
        "it",
        "Cognome\tNome\tIBAN\n{P1.s}\t{P1.g}\t{IBAN}\n{P2.s}\t{P2.g}\t{IBAN}",
    ),
    (
        "school_newsletter",
        "it",
        "Avviso alle famiglie: la recita di Natale si terrà il {~event_date} presso il teatro {~place}. Le iscrizioni al corso di coding (Scratch {~version}) chiudono venerdì.",
    ),
    (
        "log_lines",
        "it",
        "WARN  [{~timestamp}] gateway: richiesta da {~documentation_ip} rifiutata (rate limit)\nINFO  [{~timestamp}] gateway: versione {~ip_like_version} attiva",
    ),
    (
        "dataset_card",
        "it",
        "Scheda del dataset it-recensioni\nVersione {~version}, licenza CC BY-SA. Contiene recensioni di prodotti ({~product}, {~company}). Nessun dato personale.",
    ),
]

NL: F = [
    (
        "medical_referral",
        "nl",
        "Verwijsbrief huisarts\nPatiënt: {P1.i}, geboren {DOB}, BSN {NID}\nGraag beoordeling i.v.m. {~eponym}. Met collegiale groet, {P2}",
    ),
    (
        "legal_filing",
        "nl",
        "RECHTBANK AMSTERDAM – zaaknummer {~case_number}\nDagvaarding: {P1}, wonende te {ADDR}, eiser, tegen {~company} B.V., gedaagde.",
    ),
    (
        "support_ticket",
        "nl",
        "Hoi, mijn pakket met trackingnummer {~tracking_number} staat al 5 dagen stil. Groetjes, {P1} – {PHONE}",
    ),
    (
        "sms_thread",
        "nl",
        "{P1.g}: Ben je al thuis?\nIk: Bijna, sta nog bij de {~company}\n{P1.g}: Neem je stroopwafels mee?",
    ),
    (
        "real_estate",
        "nl",
        "Te koop: eengezinswoning, 4 kamers, tuin op het zuiden, nabij {~place}. Vraagprijs {~price} k.k. Bezichtiging op {~event_date}.",
    ),
    (
        "app_review",
        "nl",
        "★★★★★ Eindelijk een bank-app die werkt. Versie {~version} is veel sneller. Complimenten aan {~company}!",
    ),
    (
        "conference_programme",
        "nl",
        "Programma Dutch ML Meetup\n18:30 Inloop\n19:00 Talk: ‘Fine-tunen van {~product}’ door {P1}\n19:45 Lightning talks: {P2.g}, {P3.g} en {P4.g}",
    ),
    (
        "incident_report",
        "nl",
        "Proces-verbaal van aangifte\nAangever: {P1.u}, geboren {DOB}, paspoort {PASSPORT}\nIncident: fietsdiefstal bij station {~place}.",
    ),
    ("spreadsheet_paste", "nl", "Naam;E-mail;Telefoon;Rekening\n{P1};{E1};{PHONE};{IBAN}"),
    (
        "log_lines",
        "nl",
        "{~timestamp} dhcpd: DHCPACK on {IP} to {MAC} via eth0\n{~timestamp} dhcpd: lease file rewritten (v{~ip_like_version})",
    ),
    (
        "school_newsletter",
        "nl",
        "Nieuwsbrief basisschool De Regenboog\nOp {~event_date} is de schoolfotograaf er. Het schoolreisje gaat naar {~place}. Vragen? Mail {~role_or_reserved_email}.",
    ),
    (
        "git_log",
        "nl",
        "commit {~git_sha}\nMerge: {~git_sha} {~git_sha}\nAuthor: release-bot <{~role_or_reserved_email}>\n\n    Release {~version} (build {~build_number})",
    ),
]

PL: F = [
    (
        "medical_referral",
        "pl",
        "SKIEROWANIE do poradni kardiologicznej\nPacjentka: {P1f}, PESEL {NID}\nAdres: {ADDR}\nRozpoznanie: podejrzenie {~eponym}. Lekarz kierujący: lek. {P2}",
    ),
    (
        "legal_filing",
        "pl",
        "Sąd Rejonowy dla Warszawy-Śródmieścia, sygn. akt {~case_number}\nPowód: {P1}, zam. {ADDR}\nPozwany: {~company} sp. z o.o.",
    ),
    (
        "support_ticket",
        "pl",
        "Dzień dobry, zamówienie {~order_number} przyszło uszkodzone. Proszę o zwrot na konto {IBAN}. Pozdrawiam, {P1}",
    ),
    (
        "sms_thread",
        "pl",
        "{P1.g}: Będziesz w sobotę? {P2.g} też przyjdzie\nJa: tak, o 18\n{P1.g}: super, kup kwiaty w {~company}",
    ),
    (
        "real_estate",
        "pl",
        "Sprzedam mieszkanie 2-pokojowe, 48 m², w pobliżu: {~place}. Cena {~price} za m². Nr oferty {~sku}.",
    ),
    (
        "app_review",
        "pl",
        "★★★☆☆ Aplikacja {~company} ok, ale wersja {~version} zjada baterię. Proszę o poprawkę.",
    ),
    (
        "incident_report",
        "pl",
        "Notatka służbowa\nZgłaszająca: {P1f.u}, ur. {DOB}, tel. {PHONE}\nZdarzenie: kolizja drogowa na skrzyżowaniu przy {~place}.",
    ),
    (
        "spreadsheet_paste",
        "pl",
        "Imię i nazwisko\tPESEL\tData urodzenia\n{P1}\t{NID}\t{DOB}\n{P2}\t{NID}\t{DOB}",
    ),
    (
        "conference_programme",
        "pl",
        "Program konferencji „Dane i Prawo”\n10:00 Otwarcie – dr hab. {P1}\n11:00 Panel: {P2}, {P3}\n13:00 Wręczenie nagrody {~award}",
    ),
    (
        "log_lines",
        "pl",
        "{~timestamp} nginx: 404 GET /wp-login.php from {~documentation_ip}\n{~timestamp} nginx: upstream {~loopback_or_reserved_ip}:8080 ok",
    ),
    (
        "school_newsletter",
        "pl",
        "Drodzy Rodzice! Wycieczka klas trzecich do {~place} odbędzie się {~event_date}. Opłata: {~price}. Kontakt z sekretariatem: {~role_or_reserved_email}.",
    ),
    (
        "dataset_card",
        "pl",
        "Karta zbioru danych: pl-opinie\nWersja {~version} · suma kontrolna {~hash}\nZbiór zawiera opinie o produktach marki {~company}; dane osobowe usunięto.",
    ),
]

TR: F = [
    (
        "medical_referral",
        "tr",
        "Sevk Formu\nHasta: {P1}, T.C. Kimlik No: {NID}, Doğum tarihi: {DOB}\nÖn tanı: {~eponym}. Sevk eden hekim: Dr. {P2}",
    ),
    (
        "legal_filing",
        "tr",
        "İSTANBUL ANADOLU 3. ASLİYE HUKUK MAHKEMESİ\nEsas No: {~case_number}\nDavacı: {P1.u} – Adres: {ADDR}\nDavalı: {~company} A.Ş.",
    ),
    (
        "support_ticket",
        "tr",
        "Merhaba, {~order_number} numaralı siparişim hâlâ gelmedi. Kargo takip: {~tracking_number}. Bana {PHONE} numarasından ulaşabilirsiniz. {P1}",
    ),
    (
        "sms_thread",
        "tr",
        "{P1.g}: akşam {~place} tarafında buluşalım mı?\nBen: olur, {P2.g} da gelsin\n{P1.g}: tamamdır 👌",
    ),
    (
        "real_estate",
        "tr",
        "Satılık 3+1 daire, 120 m², {~place} yakını, site içinde. Fiyat: {~price}. İlan no: {~sku}.",
    ),
    (
        "app_review",
        "tr",
        "★★★★☆ Uygulama güzel ama {~version} sürümünden beri bildirimler gelmiyor. {~company} ilgilenirse sevinirim.",
    ),
    (
        "incident_report",
        "tr",
        "Olay Tutanağı\nMüşteki: {P1f}, doğum tarihi {DOB}, pasaport no {PASSPORT}\nOlay yeri: {~place} önü.",
    ),
    ("spreadsheet_paste", "tr", "Ad Soyad;IBAN;Tutar\n{P1};{IBAN};{~price}\n{P2};{IBAN};{~price}"),
    (
        "conference_programme",
        "tr",
        "Yapay Zekâ Günleri – Program\n10.00 Açılış konuşması: Prof. Dr. {P1}\n11.00 Oturum: {P2} ve {P3}\n12.30 {~company} sponsorluğunda öğle yemeği",
    ),
    (
        "log_lines",
        "tr",
        "{~timestamp} fail2ban: Ban {IP}\n{~timestamp} fail2ban: jail sshd started (v{~version})",
    ),
    (
        "school_newsletter",
        "tr",
        "Sayın Veliler, okulumuzun bahar şenliği {~event_date} tarihinde yapılacaktır. Servis firması {~company} ile ilgili sorular için {~role_or_reserved_email}.",
    ),
    (
        "git_log",
        "tr",
        "# FIXME: {~placeholder_secret} yerine gerçek anahtar ortam değişkeninden okunacak\n# bkz. {~cve}, düzeltme {~version} ile geldi",
    ),
]

AR: F = [
    (
        "medical_referral",
        "ar",
        "خطاب تحويل طبي\nالمريضة: {P1f}، تاريخ الميلاد: {DOB}\nالعنوان: {ADDR}\nسبب التحويل: الاشتباه في {~eponym}. الطبيب المحوِّل: د. {P2m}",
    ),
    (
        "legal_filing",
        "ar",
        "المحكمة العامة بالرياض – القضية رقم {~case_number}\nالمدعي: {P1m}، جواز سفر رقم {PASSPORT}\nالمدعى عليه: شركة {~company}",
    ),
    (
        "support_ticket",
        "ar",
        "مرحباً، أنا {P1}. الطلب رقم {~order_number} لم يصل بعد، رقم الشحنة {~tracking_number}. يرجى التواصل على {PHONE}.",
    ),
    (
        "sms_thread",
        "ar",
        "{P1.g}: وصلت المطار؟\nأنا: نعم، الرحلة {~flight_number} هبطت الآن\n{P1.g}: ممتاز، {P2.g} ينتظرك عند البوابة",
    ),
    (
        "real_estate",
        "ar",
        "للإيجار: شقة 3 غرف قريبة من {~place}، مساحة 140 م². الإيجار السنوي {~price}. رقم الإعلان {~sku}.",
    ),
    (
        "app_review",
        "ar",
        "⭐⭐⭐⭐⭐ تطبيق رائع، التحديث {~version} حل مشكلة الدفع. شكراً {~company}.",
    ),
    (
        "incident_report",
        "ar",
        "محضر بلاغ\nالمبلغة: {P1f}، مواليد {DOB}، جوال {PHONE}\nالواقعة: فقدان حقيبة في {~place}.",
    ),
    (
        "spreadsheet_paste",
        "ar",
        "الاسم\tالآيبان\tالجوال\n{P1}\t{IBAN}\t{PHONE}\n{P2}\t{IBAN}\t{PHONE}",
    ),
    (
        "conference_programme",
        "ar",
        "برنامج المؤتمر\n09:00 كلمة الافتتاح – د. {P1}\n10:30 جلسة حوارية: {P2} و{P3}\n12:00 جائزة {~award}",
    ),
    (
        "log_lines",
        "ar",
        "{~timestamp} [auth] تسجيل دخول ناجح للمستخدم {E1} من {IP}\n{~timestamp} [auth] الإصدار {~ip_like_version}",
    ),
    (
        "school_newsletter",
        "ar",
        "نشرة المدرسة: يقام الحفل الختامي يوم {~event_date} في قاعة {~place}. للاستفسار: {~role_or_reserved_email}",
    ),
    (
        "dataset_card",
        "ar",
        "بطاقة مجموعة البيانات: arabic-reviews\nالإصدار {~version}، المجموع الاختباري {~hash}\nتحتوي على مراجعات منتجات ({~company}) دون بيانات شخصية.",
    ),
]

ZH: F = [
    (
        "medical_referral",
        "zh",
        "转诊单\n患者：{P1}，身份证号：{NID}，出生日期：{DOB}\n初步诊断：{~eponym}待查。联系电话：{PHONE}\n转诊医生：{P2}",
    ),
    (
        "legal_filing",
        "zh",
        "民事起诉状\n原告：{P1}，住址：{ADDR}\n被告：{~company}有限公司\n案号：{~case_number}",
    ),
    (
        "support_ticket",
        "zh",
        "您好，我的订单{~order_number}一直没有发货，快递单号{~tracking_number}查不到。请联系我：{PHONE}，{P1m.s}先生",
    ),
    ("sms_thread", "zh", "{P1.g}：你到了吗？\n我：快到了，在{~place}门口\n{P1.g}：好，{P2}也在"),
    (
        "real_estate",
        "zh",
        "出售：两室一厅，89平方米，近{~place}，精装修。总价{~price}。房源编号{~sku}。",
    ),
    ("app_review", "zh", "★★☆☆☆ 升级到{~version}之后一直闪退，{~company}客服也不回复。"),
    (
        "incident_report",
        "zh",
        "报案记录\n报案人：{P1f}，出生日期：{DOB}，护照号码：{PASSPORT}\n事由：在{~place}附近丢失钱包。",
    ),
    ("spreadsheet_paste", "zh", "姓名\t手机号\t邮箱\n{P1}\t{PHONE}\t{E1}\n{P2}\t{PHONE}\t{E2}"),
    (
        "conference_programme",
        "zh",
        "会议日程\n09:00 开幕致辞：{P1}教授\n10:00 报告：大模型安全（{P2}）\n12:00 午餐（{~company}赞助）",
    ),
    (
        "log_lines",
        "zh",
        "{~timestamp} ERROR 用户{E1}登录失败，来源IP {IP}\n{~timestamp} INFO 服务版本 {~ip_like_version}",
    ),
    (
        "dataset_card",
        "zh",
        "数据集说明：zh-product-qa\n版本 {~version}，校验和 {~hash}\n包含{~product}、{~company}等产品问答，已删除个人信息。",
    ),
    (
        "school_newsletter",
        "zh",
        "家长通知：本学期家长会定于{~event_date}在{~place}举行，请准时参加。咨询邮箱：{~role_or_reserved_email}",
    ),
]

JA: F = [
    (
        "medical_referral",
        "ja",
        "診療情報提供書\n患者氏名：{P1}様（生年月日：{DOB}）\n住所：{ADDR}\n傷病名：{~eponym}の疑い\n紹介元：さくら内科クリニック　{P2}医師",
    ),
    (
        "legal_filing",
        "ja",
        "訴状\n事件番号：{~case_number}\n原告：{P1}\n被告：{~company}株式会社\n期日：{~event_date}",
    ),
    (
        "support_ticket",
        "ja",
        "お問い合わせ番号 {~order_number}\n{P1.s}様、いつもご利用ありがとうございます。ご登録の電話番号（{PHONE}）宛にSMSをお送りしました。担当：{P2.s}",
    ),
    (
        "sms_thread",
        "ja",
        "{P1.g}：今どこ？\n自分：{~place}の前にいるよ\n{P1.g}：了解、{P2.g}ちゃんも一緒！",
    ),
    ("real_estate", "ja", "賃貸マンション 2LDK 55㎡ {~place}徒歩7分 家賃{~price} 物件番号{~sku}"),
    (
        "app_review",
        "ja",
        "★★★★☆ {~version}で動作が軽くなりました。{~company}さん、ダークモードもお願いします。",
    ),
    (
        "incident_report",
        "ja",
        "遺失届\n届出人：{P1f}（{DOB}生）\n連絡先：{PHONE}\n遺失物：旅券（番号 {PASSPORT}）",
    ),
    (
        "spreadsheet_paste",
        "ja",
        "氏名\tマイナンバー\t電話番号\n{P1}\t{NID}\t{PHONE}\n{P2}\t{NID}\t{PHONE}",
    ),
    (
        "conference_programme",
        "ja",
        "プログラム\n10:00 開会挨拶 {P1}（東京大学）\n10:30 招待講演「LLMの安全性」{P2}\n12:00 昼食（協賛：{~company}）",
    ),
    (
        "log_lines",
        "ja",
        "{~timestamp} WARN ログイン失敗 user={E1} src={IP}\n{~timestamp} INFO build {~build_number}",
    ),
    (
        "dataset_card",
        "ja",
        "データセットカード：ja-reviews\nバージョン {~version}／ハッシュ {~hash}\n製品名（{~product}、{~company}）は保持し、個人名は削除しています。",
    ),
    (
        "school_newsletter",
        "ja",
        "学校だより：運動会は{~event_date}に開催します。雨天の場合は翌日です。お問い合わせ：{~role_or_reserved_email}",
    ),
]

KO: F = [
    (
        "medical_referral",
        "ko",
        "진료의뢰서\n환자명: {P1} (생년월일 {DOB})\n주민등록번호: {NID}\n의뢰 사유: {~eponym} 의심\n의뢰 의사: {P2}",
    ),
    (
        "legal_filing",
        "ko",
        "소장\n사건번호: {~case_number}\n원고: {P1}, 주소: {ADDR}\n피고: {~company} 주식회사",
    ),
    (
        "support_ticket",
        "ko",
        "안녕하세요, {P1}입니다. 주문번호 {~order_number} 배송이 안 와서 문의드립니다. 연락처 {PHONE}",
    ),
    ("sms_thread", "ko", "{P1.g}: 어디야?\n나: {~place} 앞이야\n{P1.g}: 알았어 {P2.g}도 곧 도착해"),
    (
        "real_estate",
        "ko",
        "매매: 아파트 84㎡, {~place} 인근, 남향. 매매가 {~price}. 매물번호 {~sku}",
    ),
    (
        "app_review",
        "ko",
        "★★★☆☆ {~version} 업데이트 후 로그인이 자꾸 풀려요. {~company} 확인 부탁드립니다.",
    ),
    (
        "incident_report",
        "ko",
        "사건 접수 기록\n신고인: {P1f}, 생년월일 {DOB}, 여권번호 {PASSPORT}\n내용: {~place}에서 지갑 분실",
    ),
    ("spreadsheet_paste", "ko", "이름\t이메일\t연락처\n{P1}\t{E1}\t{PHONE}\n{P2}\t{E2}\t{PHONE}"),
    (
        "conference_programme",
        "ko",
        "행사 일정\n10:00 개회사 – {P1} 교수\n10:30 발표: 생성형 AI 보안 ({P2})\n12:00 점심 ({~company} 후원)",
    ),
    (
        "log_lines",
        "ko",
        "{~timestamp} WARN 로그인 실패 user={E1} ip={IP}\n{~timestamp} INFO 서버 버전 {~ip_like_version}",
    ),
    (
        "dataset_card",
        "ko",
        "데이터셋 카드: ko-news-summary\n버전 {~version}, 체크섬 {~hash}\n기사에 등장하는 기업명({~company})은 유지했으며 개인정보는 제거했습니다.",
    ),
    (
        "school_newsletter",
        "ko",
        "가정통신문: 학부모 상담 주간은 {~event_date}부터입니다. 문의: {~role_or_reserved_email}",
    ),
]

RU: F = [
    (
        "medical_referral",
        "ru",
        "НАПРАВЛЕНИЕ на консультацию\nПациентка: {P1f}, дата рождения {DOB}\nАдрес: {ADDR}\nДиагноз: подозрение на {~eponym}. Врач: {P2}",
    ),
    (
        "legal_filing",
        "ru",
        "В Арбитражный суд г. Москвы\nДело № {~case_number}\nИстец: {P1}, ИНН {NID}\nОтветчик: ООО «{~company}»",
    ),
    (
        "support_ticket",
        "ru",
        "Здравствуйте! Заказ {~order_number} пришёл не тот. Верните деньги на карту {CARD}. {P1}, тел. {PHONE}",
    ),
    ("sms_thread", "ru", "{P1.g}: ты где?\nЯ: у {~place}, жду\n{P1.g}: бегу, {P2.g} с нами"),
    (
        "real_estate",
        "ru",
        "Продаётся 2-комнатная квартира, 54 м², рядом {~place}. Цена {~price}. Номер объявления {~sku}.",
    ),
    (
        "app_review",
        "ru",
        "★★★★★ Отличное приложение, после обновления {~version} всё летает. Спасибо, {~company}!",
    ),
    (
        "incident_report",
        "ru",
        "Протокол принятия заявления\nЗаявитель: {P1.u}, {DOB} г. р., загранпаспорт {PASSPORT}\nСуть: утеря кошелька у {~place}.",
    ),
    ("spreadsheet_paste", "ru", "ФИО;Телефон;Email\n{P1};{PHONE};{E1}\n{P2};{PHONE};{E2}"),
    (
        "conference_programme",
        "ru",
        "Программа конференции\n10:00 Открытие — {P1}\n11:00 Доклад «Поиск уязвимостей в ML» — {P2}\n13:00 Обед от компании {~company}",
    ),
    (
        "log_lines",
        "ru",
        "{~timestamp} sshd: Failed password for user {E1} from {IP} port 22\n{~timestamp} kernel: version {~ip_like_version}",
    ),
    (
        "dataset_card",
        "ru",
        "Карточка датасета: ru-support-dialogs\nВерсия {~version}, контрольная сумма {~hash}\nНазвания продуктов ({~product}) сохранены, персональные данные удалены.",
    ),
    (
        "school_newsletter",
        "ru",
        "Уважаемые родители! Родительское собрание состоится {~event_date} в актовом зале. Вопросы: {~role_or_reserved_email}",
    ),
]

SV: F = [
    (
        "medical_referral",
        "sv",
        "Remiss till ortopedmottagningen\nPatient: {P1}, personnummer {NID}\nAdress: {ADDR}\nFrågeställning: misstänkt {~eponym}. Remittent: {P2}, leg. läkare",
    ),
    (
        "legal_filing",
        "sv",
        "STOCKHOLMS TINGSRÄTT – mål nr {~case_number}\nKärande: {P1}, {ADDR}\nSvarande: {~company} AB",
    ),
    (
        "support_ticket",
        "sv",
        "Hej! Min beställning {~order_number} har inte kommit. Ring mig gärna på {PHONE}. Mvh {P1}",
    ),
    ("sms_thread", "sv", "{P1.g}: fika på {~place} kl 15?\nJag: gärna! tar med {P2.g}\n{P1.g}: 😊"),
    (
        "real_estate",
        "sv",
        "Till salu: ljus trea, 72 kvm, nära {~place}. Utgångspris {~price}. Visning {~event_date}. Objektnr {~sku}.",
    ),
    (
        "app_review",
        "sv",
        "★★★★☆ Bra app från {~company}, men version {~version} loggar ut mig hela tiden.",
    ),
    (
        "incident_report",
        "sv",
        "Polisanmälan\nAnmälare: {P1f}, född {DOB}, tel {PHONE}\nHändelse: cykelstöld vid {~place}.",
    ),
    (
        "spreadsheet_paste",
        "sv",
        "Namn\tPersonnummer\tKonto\n{P1}\t{NID}\t{IBAN}\n{P2}\t{NID}\t{IBAN}",
    ),
    (
        "conference_programme",
        "sv",
        "Program – Nordiska AI-dagarna\n09:00 Välkomnande: {P1}\n09:30 Keynote: {P2}\n12:00 Utdelning av {~award}",
    ),
    (
        "log_lines",
        "sv",
        "{~timestamp} hostapd: wlan0: STA {MAC} IEEE 802.11: associated\n{~timestamp} hostapd: firmware {~ip_like_version}",
    ),
    (
        "dataset_card",
        "sv",
        "Datasetkort: sv-recensioner\nVersion {~version} · {~doi}\nProduktnamn ({~company}, {~product}) finns kvar, personnamn är borttagna.",
    ),
    (
        "school_newsletter",
        "sv",
        "Veckobrev: Utflykt till {~place} den {~event_date}. Ta med matsäck! Frågor till {~role_or_reserved_email}.",
    ),
]

DA: F = [
    (
        "medical_referral",
        "da",
        "Henvisning til neurologisk ambulatorium\nPatient: {P1}, CPR-nr. {NID}\nAdresse: {ADDR}\nHenvisningsårsag: mistanke om {~eponym}. Henvisende læge: {P2}",
    ),
    (
        "legal_filing",
        "da",
        "KØBENHAVNS BYRET – sagsnr. {~case_number}\nSagsøger: {P1}, {ADDR}\nSagsøgte: {~company} A/S",
    ),
    (
        "support_ticket",
        "da",
        "Hej, min ordre {~order_number} er forsinket. I kan ringe på {PHONE}. Venlig hilsen {P1}",
    ),
    (
        "sms_thread",
        "da",
        "{P1.g}: kommer du til {~place} i aften?\nMig: ja, med {P2.g}\n{P1.g}: fedt!",
    ),
    (
        "real_estate",
        "da",
        "Til salg: lys 3-værelses lejlighed, 82 m², tæt på {~place}. Kontantpris {~price}. Sagsnr. {~sku}.",
    ),
    (
        "app_review",
        "da",
        "★★☆☆☆ MitID virker ikke i version {~version}. {~company} må få styr på det.",
    ),
    (
        "incident_report",
        "da",
        "Politirapport\nAnmelder: {P1f}, født {DOB}, pas nr. {PASSPORT}\nForhold: tyveri af cykel ved {~place}.",
    ),
    ("spreadsheet_paste", "da", "Navn;Telefon;Email\n{P1};{PHONE};{E1}\n{P2};{PHONE};{E2}"),
    (
        "conference_programme",
        "da",
        "Program\n09:00 Velkomst ved {P1}\n10:00 Oplæg: Privatliv i ML – {P2}\n11:00 {~award}-foredrag",
    ),
    (
        "log_lines",
        "da",
        "{~timestamp} router: ny enhed {MAC} fik adressen {IP}\n{~timestamp} router: firmware {~ip_like_version}",
    ),
    (
        "dataset_card",
        "da",
        "Datasætkort: da-anmeldelser\nVersion {~version} · hash {~hash}\nBrandnavne ({~company}) bevaret; personnavne fjernet.",
    ),
    (
        "school_newsletter",
        "da",
        "Nyt fra skolen: Motionsdag {~event_date}. Tilmelding på Aula. Spørgsmål til {~role_or_reserved_email}.",
    ),
]

NO: F = [
    (
        "medical_referral",
        "no",
        "Henvisning til poliklinikk\nPasient: {P1}, fødselsnummer {NID}\nAdresse: {ADDR}\nProblemstilling: mistenkt {~eponym}. Henvisende lege: {P2}",
    ),
    (
        "legal_filing",
        "no",
        "OSLO TINGRETT – saksnr. {~case_number}\nSaksøker: {P1}, {ADDR}\nSaksøkt: {~company} AS",
    ),
    (
        "support_ticket",
        "no",
        "Hei, pakken med sporingsnummer {~tracking_number} har ikke kommet. Ring {PHONE}. Hilsen {P1}",
    ),
    ("sms_thread", "no", "{P1.g}: ses på {~place} kl 19?\nMeg: ja! {P2.g} blir med\n{P1.g}: topp"),
    (
        "real_estate",
        "no",
        "Til salgs: 3-roms leilighet, 68 m², nær {~place}. Prisantydning {~price}. Visning {~event_date}. FINN-kode {~sku}.",
    ),
    (
        "app_review",
        "no",
        "★★★★★ Vipps-integrasjonen i versjon {~version} er knall. Takk {~company}!",
    ),
    (
        "incident_report",
        "no",
        "Anmeldelse\nFornærmede: {P1f}, født {DOB}, telefon {PHONE}\nForhold: tyveri av sykkel ved {~place}.",
    ),
    (
        "spreadsheet_paste",
        "no",
        "Navn\tKontonummer\tE-post\n{P1}\t{IBAN}\t{E1}\n{P2}\t{IBAN}\t{E2}",
    ),
    (
        "conference_programme",
        "no",
        "Program\n09:00 Åpning ved {P1}\n10:00 Foredrag: Sikker maskinlæring – {P2}\n12:00 Lunsj sponset av {~company}",
    ),
    (
        "log_lines",
        "no",
        "{~timestamp} vpn: bruker {E1} koblet til fra {IP}\n{~timestamp} vpn: klient {~ip_like_version}",
    ),
    (
        "dataset_card",
        "no",
        "Datasettkort: no-nyheter\nVersjon {~version} · sjekksum {~hash}\nSkipsnavn ({~ship}) og stedsnavn ({~place}) er beholdt; personnavn er fjernet.",
    ),
    (
        "school_newsletter",
        "no",
        "Ukeplan: Turdag til {~place} {~event_date}. Husk matpakke. Spørsmål: {~role_or_reserved_email}.",
    ),
]

EN: F = [
    (
        "medical_referral",
        "en",
        "REFERRAL – Cardiology\nPatient: {P1.u}  DOB: {DOB}  SSN: {SSN}\nAddress: {ADDR}\nReason: r/o {~eponym}. Referring provider: {P2}, MD ({PHONE})",
    ),
    (
        "legal_filing",
        "en",
        "UNITED STATES DISTRICT COURT, DISTRICT OF OREGON\nCase No. {~case_number}\n{P1}, Plaintiff, v. {~company} Inc., Defendant.\nCOMPLAINT FOR DAMAGES",
    ),
    (
        "support_ticket",
        "en",
        "Ticket {~case_number} · Priority: High\nReporter: {P1} <{E1}>\nMy card {CARD} was charged twice for order {~order_number}. Please refund.\nAssignee: {P2.g}",
    ),
    (
        "sms_thread",
        "en",
        "{P1.g}: landed, taking the shuttle\nme: ok! {P2.g} is picking you up at {~place}\n{P1.g}: 🙌",
    ),
    (
        "real_estate",
        "en",
        "JUST LISTED: 3 bd / 2 ba craftsman near {~place}. 1,840 sq ft, new roof. Offered at {~price}. MLS# {~sku}. Open house {~event_date}.",
    ),
    (
        "app_review",
        "en",
        "★☆☆☆☆ Since {~version} the app asks for my password every time. {~product} integration broken too. Fix it {~company}!",
    ),
    (
        "incident_report",
        "en",
        "INCIDENT REPORT #{~case_number}\nComplainant: {P1f}, DOB {DOB}, phone {PHONE}\nNarrative: Vehicle broken into at {~place} parking lot. Officer {P2.s} responded.",
    ),
    (
        "spreadsheet_paste",
        "en",
        "Name\tEmail\tPhone\tWallet\n{P1}\t{E1}\t{PHONE}\t{WALLET}\n{P2}\t{E2}\t{PHONE}\t{WALLET}",
    ),
    (
        "conference_programme",
        "en",
        'Day 2 · Track B\n09:00 Keynote – {P1} ({~company} Research)\n10:15 "Attacks on {~product}" – {P2} & {P3}\n11:30 {~award} lecture',
    ),
    (
        "git_log",
        "en",
        "commit {~git_sha}\nAuthor: {P1} <{E1}>\n\n    Rotate leaked key; old value was {TOKEN}\n\n    Signed-off-by: {P2} <{E2}>",
    ),
    ("git_log", "en", '# config.py\nDATABASE_URL = "{DBURL}"\n# staging: see {~plain_url}'),
    (
        "dataset_card",
        "en",
        "---\nlicense: cc-by-4.0\nversion: {~version}\n---\n# Dataset Card for support-tickets-en\nTickets were de-identified; product names ({~product}, {~company}) are kept. Checksum: {~hash}. Maintainer contact: {~role_or_reserved_email}",
    ),
    (
        "log_lines",
        "en",
        '{~timestamp} INFO  api  request_id={~uuid} user_agent="okhttp/{~version}" src={~documentation_ip}\n{~timestamp} INFO  api  upstream={~loopback_or_reserved_ip} build={~ip_like_version}',
    ),
    (
        "git_log",
        "en",
        "commit {~git_sha}\nAuthor: dependabot[bot] <{~role_or_reserved_email}>\n\n    Bump {~product} from {~version} to {~version}\n\n    Fixes {~cve}. Tested against card {~test_card} in sandbox.",
    ),
    (
        "school_newsletter",
        "en",
        "Lincoln Elementary Weekly\nPicture day is {~event_date}! The PTA thanks {~company} for donating books (ISBN {~isbn}). Questions: {~role_or_reserved_email}",
    ),
    (
        "incident_report",
        "en",
        "Ship's log, {~ship}: departed 0600, wind NW 18 kt. Position {~coordinates}. Weather routing around {~storm}. Next port call {~event_date}.",
    ),
]

MORE: F = [
    # German
    (
        "app_review",
        "de",
        "★★★★★ Die {~company}-App zeigt endlich die Sendungsnummer {~tracking_number} richtig an. Lieferung von {~company} kam pünktlich, super.",
    ),
    (
        "incident_report",
        "de",
        "Wetterlage: {~storm} erreicht am {~event_date} die Küste. Die Fähre {~ship} bleibt im Hafen; Ersatzverkehr ab {~place}.",
    ),
    (
        "git_log",
        "de",
        '# Zugangsdaten nur für lokale Tests\n# Produktionswert kommt aus dem Vault, NICHT hier eintragen\nAPI_TOKEN = "{~placeholder_secret}"\nFALLBACK_HOST = "{~documentation_ip}"  # siehe RFC 5737',
    ),
    (
        "git_log",
        "de",
        '// TODO {P1.g}: Schlüssel rotieren, war versehentlich im Repo\nconst token = "{TOKEN}";\n// Rückfrage an {E1}',
    ),
    (
        "support_ticket",
        "de",
        "Hallo {P1.g},\nwie telefonisch besprochen, hier die Daten für die Erstattung: Kreditkarte {CARD}, Inhaber {P1.u}.\nViele Grüße\nKundenservice {~company}",
    ),
    # French
    (
        "conference_programme",
        "fr",
        "Remise du {~award} 2024 : le jury salue les travaux sur la {~eponym}. Cocktail offert par {~company}, salle {~place}.",
    ),
    (
        "log_lines",
        "fr",
        "{~timestamp} kernel: eth0: link up, firmware {~ip_like_version}\n{~timestamp} dhclient: bound to {~documentation_ip} -- renewal in 1800 seconds\n{~timestamp} ntpd: synchronized to {~loopback_or_reserved_ip}",
    ),
    (
        "real_estate",
        "fr",
        "Bureaux à louer dans l'immeuble {~company}, 2e étage, accès {~place}. Référence {~sku}, disponible le {~event_date}. Contact : {~role_or_reserved_email}",
    ),
    (
        "git_log",
        "fr",
        "# NE PAS COMMITER – clé de {P1.g} pour la démo\nexport OPENAI_API_KEY={TOKEN}\n# base de test : {DBURL}",
    ),
    (
        "sms_thread",
        "fr",
        "{P1.g} : tu peux me virer les 40 € ? mon IBAN c'est {IBAN}\nmoi : c'est fait 👍\n{P1.g} : merci !",
    ),
    # Spanish
    (
        "app_review",
        "es",
        "★★☆☆☆ El asistente {~product} no entiende mi acento. Tengo la versión {~version}, compilación {~build_number}.",
    ),
    (
        "legal_filing",
        "es",
        "BOE – Resolución de {~event_date} por la que se concede el {~award} a la Fundación {~company}. Expediente {~case_number}.",
    ),
    (
        "log_lines",
        "es",
        "{~timestamp} [cron] backup completado: sha256 {~hash}\n{~timestamp} [cron] subido a {~plain_url} (job {~uuid})",
    ),
    (
        "spreadsheet_paste",
        "es",
        "Nombre\tCorreo\tMóvil\tIP último acceso\n{P1}\t{E1}\t{PHONE}\t{IP}\n{P2}\t{E2}\t{PHONE}\t{IP}",
    ),
    (
        "medical_referral",
        "es",
        "Receta electrónica\nPaciente: {P1.i}\nTarjeta sanitaria vinculada al DNI {NID}\nMedicamento: paracetamol 1 g, lote {~serial_number}",
    ),
    # Portuguese (Brazil)
    (
        "app_review",
        "br",
        "⭐⭐⭐⭐ Comprei o livro pela {~company} (ISBN {~isbn}) e chegou em 2 dias, rastreio {~tracking_number}.",
    ),
    (
        "incident_report",
        "br",
        "Alerta da Defesa Civil: {~storm} deve atingir o litoral em {~event_date}. Evite a região da {~place}.",
    ),
    (
        "log_lines",
        "br",
        "{~timestamp} app[web.1]: GET /api/v2/pedidos/{~order_number} 200 ({~version})\n{~timestamp} app[web.1]: cache hit {~hash}",
    ),
    (
        "support_ticket",
        "br",
        "Olá, {P1.g}! Seu cartão final com número {CARD} foi bloqueado por segurança. Confirme seus dados pelo {PHONE} ou no app.\nEquipe {~company}",
    ),
    (
        "git_log",
        "br",
        "commit {~git_sha}\nAuthor: {P1} <{E1}>\n\n    remove chave vazada do .env (era {TOKEN})",
    ),
    # Italian
    (
        "real_estate",
        "it",
        "Ufficio in affitto presso Palazzo {~company}, {~place}. Canone {~price}, rif. {~sku}. Disponibile dal {~event_date}.",
    ),
    (
        "app_review",
        "it",
        "★★★★★ {~product} riconosce finalmente i comandi in italiano. Versione {~version}, build {~ip_like_version}.",
    ),
    (
        "dataset_card",
        "it",
        "Scheda del dataset: it-porti\nNavi presenti nei bollettini: {~ship}, {~ship}. Coordinate del porto: {~coordinates}. Versione {~version}.",
    ),
    (
        "sms_thread",
        "it",
        "{P1.g}: mi mandi l'IBAN per la quota del regalo?\nIo: {IBAN}\n{P1.g}: grazie, bonifico fatto",
    ),
    (
        "log_lines",
        "it",
        "{~timestamp} sshd[611]: Accepted password for {P1.s} from {IP} port 50122\n{~timestamp} sudo: {P1.s} : TTY=pts/0 ; COMMAND=/usr/bin/apt upgrade",
    ),
    # Dutch
    (
        "app_review",
        "nl",
        "★☆☆☆☆ Bestelling {~order_number} van {~company} kwam nooit aan, track & trace {~tracking_number} blijft op 'onderweg'.",
    ),
    (
        "conference_programme",
        "nl",
        "Zaal {~place} – 14:00 uitreiking {~award}; 15:00 demo van {~product} ({~version}).",
    ),
    (
        "dataset_card",
        "nl",
        "# Datasetkaart nl-klachten\nVersie {~version}. Bedrijfsnamen ({~company}, {~company}) blijven staan; persoonsgegevens zijn verwijderd. Checksum {~hash}.",
    ),
    (
        "support_ticket",
        "nl",
        "Beste {P1.g},\nuw nieuwe wachtwoord voor het klantportaal is {PASSWORD}. Wijzig het na de eerste login.\nMet vriendelijke groet, {P2}",
    ),
    (
        "school_newsletter",
        "nl",
        "Welkom aan onze nieuwe juf {P1f}! Zij neemt groep 5 over van meester {P2m.s}. U bereikt haar via {E1}.",
    ),
    # Polish
    (
        "app_review",
        "pl",
        "★★★★★ Paczkomat działa świetnie, numer przesyłki {~tracking_number}. Aplikacja {~company} w wersji {~version} bez zarzutu.",
    ),
    (
        "incident_report",
        "pl",
        "Komunikat IMGW: {~storm} nad Bałtykiem {~event_date}. Prom {~ship} nie wypłynie z Gdyni.",
    ),
    (
        "git_log",
        "pl",
        "commit {~git_sha}\nAuthor: {P1} <{E1}>\n\n    Poprawka CI: token {TOKEN} usunięty z workflow",
    ),
    (
        "spreadsheet_paste",
        "pl",
        "Produkt;Kod;Cena\n{~product};{~sku};{~price}\nKsiążka „{~eponym}”;{~isbn};{~price}",
    ),
    (
        "sms_thread",
        "pl",
        "{P1.g}: podeślij numer konta za bilety\nJa: {IBAN}\n{P1.g}: przelane, dzięki!",
    ),
    # Turkish
    (
        "dataset_card",
        "tr",
        "Veri kümesi kartı: tr-yorumlar\nSürüm {~version}, özet {~hash}. Marka adları ({~company}, {~company}) korunmuştur; kişisel veri yoktur.",
    ),
    (
        "log_lines",
        "tr",
        "{~timestamp} nginx: 200 GET /siparis/{~order_number} from {~documentation_ip}\n{~timestamp} nginx: reload (build {~build_number})",
    ),
    (
        "app_review",
        "tr",
        "★☆☆☆☆ {~product} asistanı Türkçe komutları anlamıyor, {~version} sürümü de düzeltmedi.",
    ),
    (
        "support_ticket",
        "tr",
        "Sayın {P1},\nkartınız ({CARD}) ile yapılan {~price} tutarındaki işlem iade edilmiştir. Sorularınız için {PHONE}.\n{~company} Müşteri Hizmetleri",
    ),
    (
        "sms_thread",
        "tr",
        "{P1.g}: kripto cüzdan adresim {WALLET}, oraya atarsın\nBen: tamam akşam gönderirim",
    ),
    # Arabic
    (
        "app_review",
        "ar",
        "⭐⭐ تطبيق {~company} يتعطل بعد التحديث {~version}، رقم الطلب {~order_number}.",
    ),
    (
        "incident_report",
        "ar",
        "تنبيه الأرصاد: العاصفة {~storm} متوقعة يوم {~event_date}. تم تأجيل رحلة السفينة {~ship}.",
    ),
    (
        "log_lines",
        "ar",
        "{~timestamp} [gateway] طلب من {~documentation_ip} مرفوض\n{~timestamp} [gateway] الإصدار {~version} build {~build_number}",
    ),
    (
        "support_ticket",
        "ar",
        "عزيزي {P1m.g}،\nتم إيقاف بطاقتك {CARD} مؤقتاً. للتفعيل اتصل على {PHONE}.\nفريق {~company}",
    ),
    ("git_log", "ar", '# TODO {P1.g}: احذف هذا المفتاح قبل النشر\nHF_TOKEN = "{TOKEN}"'),
    # Chinese
    ("app_review", "zh", "★★★★★ {~product}很好用，快递单号{~tracking_number}两天就到了。"),
    ("incident_report", "zh", "气象预警：{~storm}预计{~event_date}登陆，{~ship}号邮轮停航。"),
    (
        "log_lines",
        "zh",
        "{~timestamp} [部署] 版本 {~version} 构建号 {~build_number} 发布成功\n{~timestamp} [部署] 镜像 {~hash}",
    ),
    (
        "git_log",
        "zh",
        "# 注意：{P1}的临时密钥，用完请删除\nexport GITHUB_TOKEN={TOKEN}\n# 测试服务器 {IP}",
    ),
    ("support_ticket", "zh", "{P1}您好，您的银行卡{CARD}已完成退款，如有疑问请致电{PHONE}。"),
    # Japanese
    (
        "app_review",
        "ja",
        "★★☆☆☆ {~company}の配送アプリ、追跡番号{~tracking_number}が反映されません。",
    ),
    (
        "incident_report",
        "ja",
        "気象情報：{~storm}は{~event_date}に接近の見込み。フェリー「{~ship}」は欠航です。",
    ),
    (
        "log_lines",
        "ja",
        "{~timestamp} [deploy] release {~version} (commit {~git_sha})\n{~timestamp} [deploy] health check {~loopback_or_reserved_ip}:8080 OK",
    ),
    (
        "git_log",
        "ja",
        '# {P1.s}さんの検証用キー（本番では使用しないこと）\nSLACK_BOT_TOKEN = "{TOKEN}"',
    ),
    (
        "support_ticket",
        "ja",
        "{P1}様\nご登録のクレジットカード（{CARD}）の有効期限が近づいています。\n{~company}カスタマーサポート",
    ),
    # Korean
    (
        "app_review",
        "ko",
        "★★★★★ {~company} 앱 최고예요. 운송장번호 {~tracking_number} 조회도 빨라요.",
    ),
    ("incident_report", "ko", "기상 특보: {~storm}이 {~event_date} 상륙 예상. {~ship} 운항 중단."),
    (
        "log_lines",
        "ko",
        "{~timestamp} [배포] 버전 {~version}, 빌드 {~build_number}\n{~timestamp} [배포] 이미지 {~hash}",
    ),
    ("git_log", "ko", "# {P1}님 개인 키 — 커밋 금지!\nAWS_ACCESS_KEY_ID={TOKEN}\n# DB: {DBURL}"),
    ("support_ticket", "ko", "{P1}님, 등록하신 카드 {CARD}로 결제가 완료되었습니다. 문의: {PHONE}"),
    # Russian
    (
        "app_review",
        "ru",
        "★★☆☆☆ {~product} не понимает команды, версия {~version}. Заказ {~order_number} так и не пришёл.",
    ),
    (
        "incident_report",
        "ru",
        "Штормовое предупреждение: {~storm} ожидается {~event_date}. Паром {~ship} отменён.",
    ),
    (
        "log_lines",
        "ru",
        "{~timestamp} deploy: версия {~version}, коммит {~git_sha}\n{~timestamp} deploy: healthcheck {~loopback_or_reserved_ip} ok",
    ),
    (
        "git_log",
        "ru",
        '# временный ключ {P1.g}, удалить после релиза\nTELEGRAM_TOKEN="{~placeholder_secret}"\nSTRIPE_SECRET="{TOKEN}"',
    ),
    (
        "sms_thread",
        "ru",
        "{P1.g}: скинь номер карты, переведу за билеты\nЯ: {CARD}\n{P1.g}: перевёл",
    ),
    # Swedish
    (
        "app_review",
        "sv",
        "★★★★☆ {~product} förstår äntligen svenska. Version {~version}, bygge {~ip_like_version}.",
    ),
    (
        "incident_report",
        "sv",
        "SMHI varnar: {~storm} når västkusten {~event_date}. Färjan {~ship} ställs in.",
    ),
    (
        "log_lines",
        "sv",
        "{~timestamp} backup: klart, sha256 {~hash}\n{~timestamp} backup: uppladdat till {~plain_url}",
    ),
    (
        "support_ticket",
        "sv",
        "Hej {P1.g}! Ditt tillfälliga lösenord är {PASSWORD}. Byt det vid första inloggningen.\n/{~company} kundtjänst",
    ),
    (
        "git_log",
        "sv",
        "commit {~git_sha}\nAuthor: {P1} <{E1}>\n\n    Ta bort läckt nyckel {TOKEN} från config",
    ),
    # Danish
    (
        "app_review",
        "da",
        "★★★☆☆ Pakken fra {~company} med stregkode {~tracking_number} kom en dag for sent.",
    ),
    (
        "incident_report",
        "da",
        "DMI: {~storm} rammer Vestjylland {~event_date}. Færgen {~ship} aflyst.",
    ),
    (
        "log_lines",
        "da",
        "{~timestamp} deploy: version {~version} ({~git_sha})\n{~timestamp} deploy: lytter på {~loopback_or_reserved_ip}:443",
    ),
    (
        "support_ticket",
        "da",
        "Hej {P1.g}, vi har registreret dit kort {CARD} til automatisk betaling. Spørgsmål: {PHONE}. Venlig hilsen {~company}",
    ),
    (
        "git_log",
        "da",
        "# midlertidig nøgle fra {P1.g} – slet før release\nHUGGINGFACE_TOKEN={TOKEN}",
    ),
    # Norwegian
    (
        "app_review",
        "no",
        "★★★★☆ Pakke {~tracking_number} fra {~company} kom fort. Appen (v{~version}) funker fint.",
    ),
    (
        "incident_report",
        "no",
        "Farevarsel: {~storm} treffer kysten {~event_date}. {~ship} innstilt.",
    ),
    (
        "log_lines",
        "no",
        "{~timestamp} deploy: versjon {~version} bygg {~build_number}\n{~timestamp} deploy: sjekksum {~hash}",
    ),
    (
        "support_ticket",
        "no",
        "Hei {P1.g}, kortet ditt {CARD} er nå sperret. Ring oss på {PHONE} om du har spørsmål.\nHilsen {~company}",
    ),
    (
        "git_log",
        "no",
        "# nøkkel lånt av {P1.g}, må roteres\nANTHROPIC_API_KEY={TOKEN}\n# DB: {DBURL}",
    ),
    # English
    (
        "app_review",
        "en",
        "★★★★★ Ordered the {~product} bundle (SKU {~sku}), tracking {~tracking_number}. Arrived in 2 days. Version {~version} of the app is solid.",
    ),
    (
        "conference_programme",
        "en",
        'Poster session: "{~eponym} for anomaly detection" (Booth 14), "Lessons from {~storm}" (Booth 15). Sponsored by {~company}. Slides: {~doi}',
    ),
    (
        "sms_thread",
        "en",
        "{P1.g}: can you send the router login\nme: admin / {PASSWORD} , wifi mac is {MAC}\n{P1.g}: thx",
    ),
    (
        "spreadsheet_paste",
        "en",
        "order_id,customer,ip,amount\n{~order_number},{P1},{IP},{~price}\n{~order_number},{P2},{IP},{~price}",
    ),
    (
        "log_lines",
        "en",
        "{~timestamp} WARN payments: wallet payout to {WALLET} for user {E1}\n{~timestamp} INFO payments: passport {PASSPORT} verified for {P1}",
    ),
]

THIRD: F = [
    (
        "school_newsletter",
        "de",
        "Liebe Eltern der 2a,\nab Montag übernimmt Frau {P1f.s} die Klassenleitung von Herrn {P2m.s}. Sprechstunde dienstags, Tel. {PHONE_ALT}.\nHerzliche Grüße, {P3}, Schulleitung",
    ),
    (
        "conference_programme",
        "de",
        "Festvortrag zur {~award}: „Von {~eponym} bis {~product}“. Ort: {~place}, Beginn {~event_date}. Eintritt frei, Anmeldung unter {~role_or_reserved_email}.",
    ),
    (
        "legal_filing",
        "de",
        "Vollmacht\nHiermit bevollmächtige ich, {P1.u}, geb. {DOB}, Herrn Rechtsanwalt {P2m} mit meiner Vertretung.\nReisepass-Nr. {PASSPORT}",
    ),
    (
        "medical_referral",
        "fr",
        "Compte rendu de consultation\nPatient : {P1m.u}\nAdressé par le Dr {P2.s}. Joignable au {PHONE_ALT}.\nConclusion : pas de signe de {~eponym}.",
    ),
    (
        "legal_filing",
        "fr",
        "Extrait Kbis – {~company} SAS, capital social {~price}, siège {~place}. Immatriculation {~case_number}. Aucune personne physique mentionnée.",
    ),
    (
        "support_ticket",
        "fr",
        "Bonjour {P1.g},\nvotre mot de passe temporaire est {PASSWORD}.\nL'équipe {~company}",
    ),
    (
        "sms_thread",
        "es",
        "{P1.g}: ¿me pasas el número de {P2.g}?\nyo: {PHONE_ALT}\n{P1.g}: gracias!!",
    ),
    (
        "legal_filing",
        "es",
        "Escritura de compraventa otorgada por {P1.i}, con DNI {NID}, a favor de {P2}, ante el notario {P3.s}.",
    ),
    (
        "conference_programme",
        "es",
        "Jornadas {~company}: presentación de {~product} {~version}. Sala {~place}, {~event_date}. Inscripciones: {~role_or_reserved_email}",
    ),
    (
        "real_estate",
        "br",
        "Corretora: {P1f} – CRECI {~sku}\nWhatsApp {PHONE}\nCasa térrea com 3 dormitórios em {ADDR}",
    ),
    (
        "school_newsletter",
        "br",
        "Recado da professora {P1f.g}: a reunião de pais será {~event_date}. Tragam a autorização assinada para o passeio ao {~place}.",
    ),
    (
        "dataset_card",
        "br",
        "Conjunto de dados: ptbr-navios\nNavios citados: {~ship}, {~ship}. Tempestades: {~storm}. Coordenadas em {~coordinates}. Versão {~version}.",
    ),
    (
        "medical_referral",
        "it",
        "Lettera di dimissione\nPaziente: {P1f.i}, nata il {DOB}\nMedico curante: dott.ssa {P2f.s}, tel. {PHONE}",
    ),
    (
        "support_ticket",
        "it",
        "Gentile {P1.g}, il suo ordine {~order_number} è stato spedito con corriere, tracking {~tracking_number}. Per assistenza scriva a {~role_or_reserved_email}.",
    ),
    (
        "conference_programme",
        "it",
        "Premio {~award}: la giuria si riunisce a {~place} il {~event_date}. Sponsor: {~company}, {~company}.",
    ),
    (
        "support_ticket",
        "nl",
        "Geachte heer {P1m.s},\nuw nieuwe pas wordt verstuurd naar {ADDR}. Vragen? Bel {PHONE_ALT}.\nKlantenservice {~company}",
    ),
    (
        "legal_filing",
        "nl",
        "Uittreksel KvK: {~company} B.V., gevestigd te {~place}, dossier {~case_number}. Geen bestuurders vermeld.",
    ),
    (
        "medical_referral",
        "nl",
        "Apotheek – herhaalrecept voor mevrouw {P1f.s}, geboren {DOB}. Huisarts: {P2}.",
    ),
    (
        "school_newsletter",
        "pl",
        "Szanowni Rodzice, wychowawczynią klasy 1b zostaje pani {P1f}. Kontakt: {E1}.",
    ),
    (
        "legal_filing",
        "pl",
        "Wyciąg z KRS: {~company} S.A., siedziba {~place}, nr {~case_number}. Wpis z dnia {~event_date}.",
    ),
    (
        "support_ticket",
        "pl",
        "Odbiorca: {P1}. Przesyłka {~tracking_number} czeka w paczkomacie. Kod odbioru wysłaliśmy na numer {PHONE}.",
    ),
    (
        "school_newsletter",
        "tr",
        "Değerli velilerimiz, 3-B sınıfının yeni öğretmeni {P1f} Hanım'dır. İletişim: {E1}.",
    ),
    (
        "legal_filing",
        "tr",
        "Ticaret Sicil Gazetesi: {~company} A.Ş., merkez {~place}, sicil no {~case_number}, tescil tarihi {~event_date}.",
    ),
    ("medical_referral", "tr", "Reçete\nHasta: {P1.u}\nDoğum tarihi: {DOB}\nHekim: Uzm. Dr. {P2}"),
    ("school_newsletter", "ar", "نرحب بالمعلمة {P1f} مربية الصف الثالث. للتواصل: {E1}"),
    (
        "legal_filing",
        "ar",
        "السجل التجاري: شركة {~company}، المقر {~place}، رقم السجل {~case_number}، تاريخ القيد {~event_date}.",
    ),
    ("sms_thread", "ar", "{P1.g}: رقم {P2.g} الجديد {PHONE_ALT}\nأنا: شكراً"),
    ("school_newsletter", "zh", "各位家长：本学期三年级二班班主任为{P1f}老师，联系电话{PHONE}。"),
    (
        "legal_filing",
        "zh",
        "企业信用信息：{~company}有限公司，注册地{~place}，登记编号{~serial_number}，成立日期{~event_date}。",
    ),
    ("medical_referral", "zh", "出院小结\n姓名：{P1}\n出生日期：{DOB}\n主治医师：{P2}"),
    ("school_newsletter", "ja", "保護者の皆様へ　新しい担任は{P1f}先生です。ご連絡は{E1}まで。"),
    (
        "legal_filing",
        "ja",
        "登記事項証明書：{~company}株式会社　本店 {~place}　管理番号 {~serial_number}",
    ),
    ("medical_referral", "ja", "お薬手帳\n氏名：{P1}\n生年月日：{DOB}\n処方医：{P2.s}医師"),
    ("school_newsletter", "ko", "학부모님께: 3학년 2반 담임은 {P1f} 선생님입니다. 연락처 {PHONE}"),
    (
        "legal_filing",
        "ko",
        "법인 등기부: {~company} 주식회사, 본점 {~place}, 관리번호 {~serial_number}",
    ),
    ("medical_referral", "ko", "처방전\n환자: {P1}\n생년월일: {DOB}\n처방의: {P2}"),
    (
        "school_newsletter",
        "ru",
        "Уважаемые родители! Классный руководитель 5«Б» — {P1f}, телефон {PHONE}.",
    ),
    (
        "legal_filing",
        "ru",
        "Выписка из реестра: ООО «{~company}», адрес: {~place}, внутренний номер {~serial_number}, дата регистрации {~event_date}.",
    ),
    ("medical_referral", "ru", "Рецепт\nФИО: {P1.u}\nДата рождения: {DOB}\nВрач: {P2}"),
    (
        "school_newsletter",
        "sv",
        "Hej föräldrar! {P1f} är ny mentor för 4B. Nås på {E1} eller {PHONE}.",
    ),
    (
        "legal_filing",
        "sv",
        "Bolagsverket: {~company} AB, säte {~place}, ärende {~serial_number}, registrerat {~event_date}.",
    ),
    ("sms_thread", "sv", "{P1.g}: swisha 200 till {PHONE} så är vi kvitt\nJag: klart!"),
    ("school_newsletter", "da", "Kære forældre, {P1f} er ny klasselærer i 3.A. Kontakt via {E1}."),
    (
        "legal_filing",
        "da",
        "Erhvervsstyrelsen: {~company} A/S, adresse {~place}, sag {~serial_number}, stiftet {~event_date}.",
    ),
    ("sms_thread", "da", "{P1.g}: MobilePay mig lige 150 på {PHONE}\nMig: sendt 👍"),
    ("school_newsletter", "no", "Hei foreldre! {P1f} er ny kontaktlærer for 6B. Epost: {E1}."),
    (
        "legal_filing",
        "no",
        "Brønnøysundregistrene: {~company} AS, forretningsadresse {~place}, saksnr {~serial_number}.",
    ),
    ("sms_thread", "no", "{P1.g}: vippse 300 til {PHONE}?\nMeg: fikset!"),
    (
        "school_newsletter",
        "en",
        "Welcome Ms. {P1f.s}, our new 3rd grade teacher! Reach her at {E1}. Coach {P2m.s} will run the {~company} Fun Run on {~event_date}.",
    ),
    (
        "support_ticket",
        "en",
        "Hi {P1.g},\nThanks for contacting {~company} support. We've updated your shipping address to {ADDR} and your phone to {PHONE_ALT}.\n– {P2.g}, Tier 1",
    ),
    (
        "dataset_card",
        "en",
        "## Limitations\nThe corpus mentions public entities (e.g. {~company}, {~product}, {~ship}, {~storm}) and eponyms ({~eponym}). No personal data was retained. DOI {~doi}.",
    ),
]


FOURTH: F = [
    (
        "app_review",
        "de",
        "★☆☆☆☆ von {P1} – Seit Version {~version} kommt kein Bestätigungscode mehr an meine Nummer {PHONE}. So nicht, {~company}.",
    ),
    (
        "app_review",
        "fr",
        "★★★★★ « Enfin une appli qui marche » — {P1}\nRéponse du développeur : Merci {P1.g} ! La version {~version} corrige aussi le bug de {~product}.",
    ),
    (
        "app_review",
        "br",
        "⭐ {P1}: cobraram duas vezes no meu cartão {CARD}, app na versão {~version}. Quero estorno!",
    ),
    (
        "app_review",
        "ja",
        "★☆☆☆☆ {P1.g}（{~version}利用）\n登録メール{E1}に認証コードが届きません。",
    ),
    (
        "app_review",
        "ru",
        "★★☆☆☆ {P1}\nПриложение {~company} ({~version}) списало деньги дважды. Пишите мне: {E1}",
    ),
    (
        "app_review",
        "en",
        "★★★★☆ by {P1} · Verified purchase\nGreat app, but support ({~role_or_reserved_email}) never answered my email from {E1}.",
    ),
    (
        "dataset_card",
        "en",
        "---\nlicense: cc-by-sa-4.0\n---\n# Dataset Card\nCurated by: {P1} ({E1}) and {P2}\nFunded by: {~company}\nSource: {~plain_url}\nVersion {~version}",
    ),
    (
        "dataset_card",
        "de",
        "## Datensatzkarte\nKuratiert von {P1} und {P2} (Universität Hamburg). Ansprechpartnerin: {P3f}, {E3}. Version {~version}.",
    ),
    ("dataset_card", "zh", "数据集卡片\n整理者：{P1}、{P2}\n联系方式：{E1}\n版本 {~version}"),
    (
        "dataset_card",
        "es",
        "Ficha del conjunto de datos\nResponsable: {P1} ({E1})\nFinanciación: {~company}\nVersión {~version}, {~doi}",
    ),
    (
        "real_estate",
        "de",
        "Ihr Ansprechpartner: {P1m}, Immobilienberater\nMobil {PHONE} · {E1}\nObjekt {~sku}: 4-Zimmer-Wohnung nähe {~place}, {~price}",
    ),
    (
        "real_estate",
        "en",
        "Listing agent: {P1} · {PHONE} · {E1}\nSeller disclosure signed by {P2} on {~event_date}. MLS# {~sku}.",
    ),
    ("real_estate", "ko", "담당 공인중개사: {P1} ({PHONE})\n매물번호 {~sku}, {~place} 인근 아파트"),
]


FRAMES: F = (
    DE
    + FR
    + ES
    + BR
    + IT
    + NL
    + PL
    + TR
    + AR
    + ZH
    + JA
    + KO
    + RU
    + SV
    + DA
    + NO
    + EN
    + MORE
    + THIRD
    + FOURTH
)
