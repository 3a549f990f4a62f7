# ruff: noqa: E501, W291  (hand-written text frames: lines are as the text has them)
"""Hand-written text frames: ``(style, language, text)``.

Placeholders are described in ``generate.py``. A frame without a labelled placeholder gives
records with no personal data (look-alikes only). All frames were written for this corpus.
"""

from __future__ import annotations

F: list[tuple[str, str, str]] = []


def add(style: str, lang: str, *texts: str) -> None:
    for t in texts:
        F.append((style, lang, t))


# --- e-mail threads with quoted replies and signatures -----------------------------------
add(
    "email_thread",
    "en",
    """Hi ⟦P1:given⟧,

Thanks for the quick turnaround. I've attached the signed NDA; the ⟦D:company⟧ team will send theirs on Monday.

Best,
⟦P2:full⟧
Procurement Lead | ⟦D:company⟧ EMEA
M: ⟦PHONE⟧

On Tue, ⟦P1:full⟧ <⟦P1:email⟧> wrote:
> Could you send the NDA back before the ⟦D:product⟧ pilot kicks off?
> Thanks, ⟦P1:given⟧""",
    """From: ⟦P1:full⟧ <⟦P1:email⟧>
To: ⟦L:role_or_reserved_email:billing@brightlake.io⟧
Subject: Re: Invoice ⟦D:invoice_id⟧ — wrong address

Hello,

the invoice still shows my old address. Please change it to ⟦ADDR⟧ and resend.

Regards
⟦P1:given⟧

> -----Original Message-----
> From: ⟦L:role_or_reserved_email:noreply@brightlake.io⟧
> Your invoice ⟦D:invoice_id⟧ for ⟦D:price⟧ is ready.""",
    """Subject: Fwd: Q3 vendor review

Forwarding for visibility. Dell and Lenovo both quoted for the ⟦D:product⟧ refresh; Dell is cheaper by ⟦D:price⟧.
Release notes for firmware ⟦D:ip_like_version⟧ are at ⟦D:plain_url⟧.

-- 
Vendor Management Office
⟦D:company⟧ | ⟦L:role_or_reserved_email:procurement@nordkap-energi.se⟧
This e-mail and any attachments are confidential.""",
    """> > Can someone confirm the Morgan Stanley call is moved to ⟦D:event_date⟧?
> Yes, moved. Dial-in meeting ID ⟦D:meeting_id⟧.
Great, thanks ⟦P1:given⟧. I'll let ⟦P2:given⟧ know.

⟦P3:full⟧
Executive Assistant
Direct: ⟦PHONE⟧""",
    """Dear Ms ⟦P1f:sur⟧,

We confirm receipt of your application (reference ⟦D:case_number⟧). Please reply to this e-mail with a scan of your passport; the number you entered, ⟦PASS:GB⟧, does not match our records.

Kind regards,
Admissions Office
⟦L:role_or_reserved_email:admissions@example.org⟧""",
    """Hi all — quick reminder that Claude and Gemini are both approved for internal use, Copilot only on managed laptops. Questions to ⟦L:role_or_reserved_email:security@brightlake.io⟧.

Sent from my Galaxy S24""",
    """On ⟦D:event_date⟧, ⟦P1:full⟧ wrote:
> Please wire the deposit to my account ⟦IBAN:GB⟧ and not the old one.
> ⟦P1:given⟧

Noted — updated in the vendor master. Cheers, ⟦P2:given⟧""",
    """Thread: Parkinson's disease trial — site list

> Sites confirmed: Victoria, Madison, Florence.
>> Is Charlotte still on the list?
No, Charlotte dropped out after the Nobel Prize announcement press. Updated sheet: ⟦D:plain_url⟧ (rev ⟦D:git_sha⟧).""",
)
add(
    "email_thread",
    "de",
    """Hallo ⟦P1:given⟧,

anbei die unterschriebene Vollmacht. Bitte die Steuer-ID ⟦NID:DE_TAX_ID⟧ in das Formular übernehmen.

Viele Grüße
⟦P2:full⟧
Tel. ⟦PHONE:DE⟧

Am ⟦D:event_date⟧ schrieb ⟦P1:full⟧ <⟦P1:email⟧>:
> Kannst du mir die Vollmacht bis Freitag schicken?""",
    """Betreff: AW: Lieferung Bosch-Akkuschrauber

> Wann kommt die Lieferung ⟦D:order_number⟧?
Laut Spedition am ⟦D:event_date⟧, Sendungsnummer ⟦D:tracking_number⟧.

Mit freundlichen Grüßen
Ihr Kundenservice
⟦L:role_or_reserved_email:kundenservice@stadtwerke-lindau.de⟧""",
)
add(
    "email_thread",
    "fr",
    """Bonjour ⟦P1:given⟧,

Suite à notre échange, voici mon RIB : ⟦IBAN:FR⟧. Vous pouvez aussi me joindre au ⟦PHONE:FR⟧.

Cordialement,
⟦P2:full⟧

Le ⟦D:event_date⟧, ⟦P1:full⟧ <⟦P1:email⟧> a écrit :
> Merci de m'envoyer vos coordonnées bancaires.""",
    """Objet : TR: Salon Hermès — accréditations

> Les badges pour Louis Vuitton et Chanel sont prêts.
Parfait. Merci d'écrire à ⟦L:role_or_reserved_email:contact@atelier-mirabeau.fr⟧ pour la suite.

L'équipe événementielle""",
)
add(
    "email_thread",
    "es",
    """Hola ⟦P1:given⟧:

Te reenvío los datos de la nueva inquilina: ⟦P2f:full⟧, DNI ⟦NID:ES_DNI⟧, teléfono ⟦PHONE:ES⟧.

Un saludo,
⟦P3:full⟧

El ⟦D:event_date⟧, ⟦P1:full⟧ escribió:
> ¿Me pasas los datos del contrato?""",
)
add(
    "email_thread",
    "ja",
    """⟦P1:sur⟧様

お世話になっております。⟦P2:full⟧です。
先日の件、請求書番号 ⟦D:invoice_id⟧ を再送いたします。

⟦P2:full⟧
携帯：⟦PHONE:JP⟧
メール：⟦P2:email⟧

> ⟦D:event_date⟧ ⟦P1:full⟧ さんは書きました:
> 請求書が届いていないようです。""",
    """各位

Jetson Orin の評価ボードが届きました。ファームウェアは ⟦D:version⟧ です。
問い合わせ先：⟦L:role_or_reserved_email:support@brightlake.io⟧""",
)
add(
    "email_thread",
    "zh",
    """⟦P1:given⟧你好，

合同已经签好，请把款项转到我的账户：⟦IBAN:DE⟧。我的手机号是 ⟦PHONE:CN⟧。

⟦P2:full⟧

> 在 ⟦D:event_date⟧，⟦P1:full⟧ 写道：
> 请发一下收款账户。""",
)
add(
    "email_thread",
    "ru",
    """Добрый день, ⟦P1:given⟧!

Пересылаю паспортные данные для оформления визы: ⟦P2:full⟧, паспорт ⟦PASS:RU⟧, дата рождения ⟦DOB⟧.

С уважением,
⟦P3:full⟧
⟦PHONE:RU⟧

> ⟦D:event_date⟧ ⟦P1:full⟧ <⟦P1:email⟧> написал(а):
> Пришлите, пожалуйста, данные.""",
    """Коллеги,

Обновление Kaspersky до версии ⟦D:ip_like_version⟧ запланировано на ⟦D:event_date⟧. Вопросы — на ⟦L:role_or_reserved_email:helpdesk@vistula-logistics.pl⟧.

Служба поддержки""",
)
add(
    "email_thread",
    "ar",
    """مرحباً ⟦P1:given⟧،

أرسل لك بيانات التحويل: رقم الحساب ⟦IBAN:SA⟧، ورقم جوالي ⟦PHONE:SA⟧.

مع التحية،
⟦P2:full⟧

> في ⟦D:event_date⟧ كتب ⟦P1:full⟧:
> أرجو إرسال رقم الحساب.""",
)

# --- meeting minutes --------------------------------------------------------------------
add(
    "meeting_minutes",
    "en",
    """MINUTES — Platform steering group, ⟦D:event_date⟧
Present: ⟦P1:full⟧ (chair), ⟦P2:full⟧, ⟦P3:init⟧, ⟦P4:given⟧ (notes)
Apologies: ⟦P5:full⟧

1. ⟦D:product⟧ rollout: ⟦P2:given⟧ reported 80% of the fleet on ⟦D:version⟧.
2. Budget: the Dell quote (⟦D:price⟧) was accepted.
ACTION ⟦P3:sur⟧: send the revised plan to the group by Friday.""",
    """Board minutes, item 4 — Grants
The board noted the Fulbright scholarship awarded to a staff member and the Nobel Prize symposium in Stockholm. Funding reference ⟦D:grant⟧ was confirmed. The Fields Medal lecture will be streamed (meeting ID ⟦D:meeting_id⟧).
No further business; meeting closed 17:40.""",
    """Retro notes ⟦D:event_date⟧
- What went well: Jenkins migration; Kafka lag down to ⟦D:float⟧ s.
- What didn't: the ⟦D:hostname⟧ outage (postmortem ⟦D:ticket_number⟧).
- Actions: ⟦L:name_word:Mark⟧ the flaky tests as xfail; ⟦L:name_word:Grace⟧ period for the old API extended to ⟦D:event_date⟧.""",
    """Residents' association meeting
Attendees: ⟦P1:full⟧, ⟦P2:full⟧ (treasurer), ⟦P3:full⟧
⟦P2:given⟧ reported the balance on the association account ⟦IBAN:GB⟧. ⟦P1:given⟧ asked that complaints about the lift go to ⟦P1:email⟧ rather than the caretaker's phone.
Next meeting: ⟦D:event_date⟧.""",
    """Interview panel — notes (confidential)
Candidate: ⟦P1:full⟧, phone ⟦PHONE⟧
Panel: ⟦P2:full⟧, ⟦P3:full⟧
Strong on Bayesian optimisation and Kalman filter work; weaker on system design. Recommend second round.""",
    """Sprint planning — ML team
Ticket ⟦D:ticket_number⟧: retrain on ⟦D:model_id⟧, eval with Levenshtein distance and Pearson correlation.
Ticket ⟦D:ticket_number⟧: migrate Jetson Orin Nano boxes to JetPack ⟦D:version⟧.
Owner for both: TBD.""",
)
add(
    "meeting_minutes",
    "de",
    """Protokoll Teamsitzung vom ⟦D:event_date⟧
Anwesend: ⟦P1:full⟧, ⟦P2:full⟧, Frau ⟦P3f:sur⟧, Herr ⟦P4m:sur⟧
TOP 1: Umstellung auf ⟦D:product⟧ — Herr ⟦P4m:sur⟧ klärt die Lizenzen mit Siemens.
TOP 2: Frau ⟦P3f:sur⟧ ist ab sofort unter ⟦PHONE:DE⟧ erreichbar.
Protokoll: ⟦P2:given⟧""",
    """Protokoll Lenkungskreis
Beschlüsse: Bosch-Angebot angenommen (⟦D:price⟧), Miele-Wartungsvertrag verlängert bis ⟦D:event_date⟧. Ticket ⟦D:ticket_number⟧ bleibt offen.""",
)
add(
    "meeting_minutes",
    "fr",
    """Compte rendu — comité de direction du ⟦D:event_date⟧
Présents : ⟦P1:full⟧, ⟦P2:full⟧, Mme ⟦P3f:sur⟧
Excusé : M. ⟦P4m:sur⟧
Décision : le partenariat avec Michelin est reconduit. Mme ⟦P3f:sur⟧ transmettra le dossier à ⟦L:role_or_reserved_email:dpo@atelier-mirabeau.fr⟧.""",
)
add(
    "meeting_minutes",
    "nl",
    """Notulen bewonersvergadering ⟦D:event_date⟧
Aanwezig: ⟦P1:full⟧ (voorzitter), ⟦P2:full⟧, ⟦P3:full⟧
⟦P2:given⟧ meldt dat de contributie voortaan naar ⟦IBAN:NL⟧ gaat.
Actiepunt ⟦P3:given⟧: offerte Philips-verlichting opvragen.""",
    """Notulen MT-overleg
Besproken: overstap naar Heineken-sponsoring, evaluatie Rotterdam-kantoor, ticket ⟦D:ticket_number⟧. Volgende vergadering ⟦D:event_date⟧.""",
)
add(
    "meeting_minutes",
    "sv",
    """Protokoll styrelsemöte ⟦D:event_date⟧
Närvarande: ⟦P1:full⟧ (ordf.), ⟦P2:full⟧, ⟦P3:full⟧
§4 ⟦P2:given⟧ redovisade att Volvo-leasingen förlängs. ⟦P3:given⟧ nås på ⟦PHONE:SE⟧.
Justeras: ⟦P1:given⟧""",
    """Mötesanteckningar: Ericsson-projektet ligger i fas; Husqvarna-offerten (⟦D:price⟧) godkänd. Nästa möte ⟦D:event_date⟧.""",
)
add(
    "meeting_minutes",
    "ko",
    """회의록 ⟦D:event_date⟧
참석자: ⟦P1:full⟧, ⟦P2:full⟧, ⟦P3:full⟧
1. ⟦D:product⟧ 도입 일정 확인
2. ⟦P2:full⟧ 연락처 변경: ⟦PHONE:KR⟧
작성: ⟦P3:full⟧""",
    """주간 회의: 삼성 및 LG 견적 비교, Naver 클라우드 전환 ⟦D:event_date⟧ 예정. 티켓 ⟦D:ticket_number⟧.""",
)
add(
    "meeting_minutes",
    "zh",
    """会议纪要（⟦D:event_date⟧）
出席：⟦P1:full⟧、⟦P2:full⟧、⟦P3:full⟧
一、华为设备采购，⟦P2:full⟧负责跟进。
二、⟦P3:full⟧联系电话更新为 ⟦PHONE:CN⟧。""",
    """项目周会：腾讯云迁移进度 80%，阿里巴巴合作备忘录已签署，版本 ⟦D:version⟧ 发布时间 ⟦D:event_date⟧。""",
)
add(
    "meeting_minutes",
    "pl",
    """Protokół z zebrania wspólnoty ⟦D:event_date⟧
Obecni: ⟦P1:full⟧, ⟦P2f:full⟧, ⟦P3m:full⟧
Pani ⟦P2f:sur⟧ poinformowała, że składki należy wpłacać na konto ⟦IBAN:PL⟧.
Protokołował: ⟦P3m:full⟧""",
)

# --- support tickets in Markdown --------------------------------------------------------
add(
    "support_ticket_md",
    "en",
    """## Ticket ⟦D:ticket_number⟧ — Cannot log in after password reset

**Reporter:** ⟦P1:full⟧ (⟦P1:email⟧)
**Priority:** P2
**Device:** ⟦D:product⟧, app ⟦D:version⟧

### Description
After the reset on ⟦D:event_date⟧ the login page loops. Customer can be reached on ⟦PHONE⟧.

### Internal notes
- Checked IdP logs: last attempt from ⟦IP⟧.
- Assigned to @⟦P2:given⟧.""",
    """### Ticket ⟦D:ticket_number⟧: Alexa skill not responding

| Field | Value |
|---|---|
| Product | Alexa / Echo Dot |
| Firmware | ⟦D:ip_like_version⟧ |
| Region | ⟦D:place⟧ |
| Queue | ⟦L:role_or_reserved_email:support@brightlake.io⟧ |

Reproduced on two devices. Escalated to vendor (case ⟦D:case_number⟧).""",
    """# Refund request ⟦D:order_number⟧

> I was charged twice for order ⟦D:order_number⟧. My card ends in 4417.

**Agent:** Verified with the customer, ⟦P1:full⟧. Full card on file: ⟦CARD⟧ — refund issued (⟦D:price⟧).
*Please do not paste full card numbers in tickets.*""",
    """## ⟦D:ticket_number⟧ · Account takeover suspected

- [x] Customer identity verified (DOB ⟦DOB⟧, postcode matches)
- [x] Sessions revoked for user `⟦P1:email⟧`
- [ ] Check devices: MAC ⟦MAC⟧ seen on new login from ⟦IP⟧

cc @⟦P2:given⟧ @⟦P3:given⟧""",
    """## ⟦D:ticket_number⟧ — Jetson Orin reboot loop

**Environment**
- Board: Jetson Orin Nano devkit, JetPack ⟦D:version⟧
- Kernel: ⟦D:ip_like_version⟧-tegra
- Serial: ⟦D:serial⟧

Steps: flash, boot, wait ⟦D:float⟧ s. Happens on 3/5 boards. No customer data involved.""",
    """## Ticket ⟦D:ticket_number⟧ — change of bank details

Customer **⟦P1:upper⟧** asked to change the direct debit mandate to `⟦IBAN⟧`.
Old account closed. Mandate reference ⟦D:invoice_id⟧. Confirmation sent to ⟦P1:email⟧.""",
    """## ⟦D:ticket_number⟧ — Claude returns 529

Using `⟦D:model_id⟧` via the API; errors spike around ⟦D:timestamp⟧. Key in the config is `⟦D:placeholder_secret⟧` (redacted). Retry with backoff fixed it.""",
)
add(
    "support_ticket_md",
    "de",
    """## Ticket ⟦D:ticket_number⟧ – Rücksendung

**Kundin:** ⟦P1f:full⟧
**Adresse:** ⟦ADDR:de⟧
**Telefon:** ⟦PHONE:DE⟧

Der Miele-Staubsauger (⟦D:sku⟧) kam defekt an. Rückholung beauftragt, Sendungsnummer ⟦D:tracking_number⟧.""",
    """## Ticket ⟦D:ticket_number⟧ – Porsche Connect App stürzt ab

- App-Version ⟦D:version⟧, iOS ⟦D:version⟧
- Fahrzeug: Porsche Taycan
- Erstmals aufgetreten am ⟦D:event_date⟧

Kein Personenbezug; an Hersteller weitergeleitet.""",
)
add(
    "support_ticket_md",
    "es",
    """## Incidencia ⟦D:ticket_number⟧ — cambio de titular

**Cliente:** ⟦P1:full⟧ (NIE ⟦NID:ES_NIE⟧)
**Nuevo titular:** ⟦P2:full⟧
**Correo:** ⟦P2:email⟧

Pendiente de firma. Llamar al ⟦PHONE:ES⟧ por la tarde.""",
)
add(
    "support_ticket_md",
    "it",
    """## Ticket ⟦D:ticket_number⟧ — fattura errata

**Cliente:** ⟦P1:full⟧
**Codice fiscale:** ⟦NID:IT_CF⟧
**Indirizzo:** ⟦ADDR:it⟧

La fattura ⟦D:invoice_id⟧ riporta un importo di ⟦D:price⟧ invece di quello concordato.""",
    """## Ticket ⟦D:ticket_number⟧ — Ferrari Roma: aggiornamento infotainment

Versione ⟦D:version⟧, build ⟦D:build_number⟧. Nessun dato personale. Assegnato al team Lavazza Digital? No: al team di Barilla IT.""",
)
add(
    "support_ticket_md",
    "tr",
    """## Talep ⟦D:ticket_number⟧ — fatura adresi

**Müşteri:** ⟦P1:full⟧
**TC Kimlik No:** ⟦NID:TR_TCKN⟧
**Telefon:** ⟦PHONE:TR⟧

Arçelik buzdolabı (⟦D:sku⟧) için servis kaydı açıldı.""",
)
add(
    "support_ticket_md",
    "pt",
    """## Chamado ⟦D:ticket_number⟧ — cobrança duplicada

**Cliente:** ⟦P1:full⟧
**CPF:** ⟦NID:BR_CPF⟧
**E-mail:** ⟦P1:email⟧

Estorno de ⟦D:price⟧ aprovado. Pedido ⟦D:order_number⟧.""",
)

# --- CSV / TSV rows pasted into prose ---------------------------------------------------
add(
    "csv_prose",
    "en",
    """Here are the three rows that failed the import:

id,name,email,phone,signup
⟦D:uuid⟧,⟦P1:full⟧,⟦P1:email⟧,⟦PHONE⟧,⟦D:timestamp⟧
⟦D:uuid⟧,⟦P2:full⟧,⟦P2:email⟧,⟦PHONE⟧,⟦D:timestamp⟧
⟦D:uuid⟧,⟦P3:full⟧,⟦P3:email⟧,,⟦D:timestamp⟧

The third has no phone, which the schema requires.""",
    """Pasting the sales export so you can see the format:

sku	product	units	revenue
⟦D:sku⟧	Kindle Paperwhite	⟦L:float:412⟧	⟦D:price⟧
⟦D:sku⟧	Echo Dot	⟦L:float:1093⟧	⟦D:price⟧
⟦D:sku⟧	Fitbit Charge 6	⟦L:float:77⟧	⟦D:price⟧

No customer columns in this one.""",
    """the payroll file has a bad row, line 88:
"⟦P1:inv⟧";⟦NID:US_SSN⟧;⟦DOB:en⟧;⟦ADDR:us⟧
(quote in the name field breaks the parser)""",
    """Benchmark results (copy from the sheet):
model,params,accuracy,latency_ms
⟦D:model_id⟧,7B,⟦D:float⟧,⟦L:float:41.7⟧
⟦D:model_id⟧,70B,⟦D:float⟧,⟦L:float:212.3⟧
Gemini,?,⟦D:float⟧,⟦L:float:88.0⟧""",
    """Can you check these two customers? Both bounced:
⟦P1:full⟧|⟦P1:email⟧|⟦ADDR:gb⟧
⟦P2:full⟧|⟦P2:email⟧|⟦ADDR:gb⟧""",
    """Device inventory extract:
hostname,mac,ip,owner
⟦D:hostname⟧,⟦MAC⟧,⟦IP⟧,⟦P1:full⟧
⟦D:hostname⟧,⟦MAC⟧,⟦IP⟧,⟦P2:full⟧
printer-3f,⟦MAC⟧,⟦IP⟧,(shared)""",
    """Stock levels per warehouse:
warehouse;city;item;qty
WH-01;⟦D:place⟧;⟦D:product⟧;⟦L:float:340⟧
WH-02;⟦D:place⟧;⟦D:product⟧;⟦L:float:12⟧
WH-07;⟦D:place⟧;⟦D:product⟧;⟦L:float:0⟧""",
)
add(
    "csv_prose",
    "de",
    """Hier die Zeilen aus dem Export, bei denen die IBAN fehlt bzw. falsch ist:
Name;Vorname;IBAN;Geburtsdatum
⟦P1:sur⟧;⟦P1:given⟧;⟦IBAN:DE⟧;⟦DOB:de⟧
⟦P2:sur⟧;⟦P2:given⟧;;⟦DOB:de⟧""",
    """Auszug aus der Preisliste (Stand ⟦D:event_date⟧):
Artikel;Bezeichnung;Preis
⟦D:sku⟧;Bosch PSR 12;⟦D:price⟧
⟦D:sku⟧;Siemens EQ.6;⟦D:price⟧""",
)
add(
    "csv_prose",
    "fr",
    """Voici l'extrait du fichier adhérents (lignes rejetées) :
nom,prénom,email,téléphone
⟦P1:sur⟧,⟦P1:given⟧,⟦P1:email⟧,⟦PHONE:FR⟧
⟦P2:sur⟧,⟦P2:given⟧,⟦P2:email⟧,⟦PHONE:FR⟧""",
)
add(
    "csv_prose",
    "sv",
    """Raderna som inte gick att importera:
namn	personnummer	telefon
⟦P1:full⟧	⟦NID:SE_PNR⟧	⟦PHONE:SE⟧
⟦P2:full⟧	⟦NID:SE_PNR⟧	⟦PHONE:SE⟧""",
)
add(
    "csv_prose",
    "ko",
    """업로드 실패한 행입니다:
이름,주민등록번호,연락처
⟦P1:full⟧,⟦NID:KR_RRN⟧,⟦PHONE:KR⟧
⟦P2:full⟧,⟦NID:KR_RRN⟧,⟦PHONE:KR⟧""",
)
add(
    "csv_prose",
    "zh",
    """以下几行导入失败：
姓名,身份证号,手机
⟦P1:full⟧,⟦NID:CN_RIC⟧,⟦PHONE:CN⟧
⟦P2:full⟧,⟦NID:CN_RIC⟧,⟦PHONE:CN⟧""",
    """销量统计：
产品,型号,销量
华为,⟦D:sku⟧,⟦L:float:1200⟧
小米,⟦D:sku⟧,⟦L:float:860⟧""",
)
add(
    "csv_prose",
    "pl",
    """Wiersze z błędem walidacji:
imię;nazwisko;PESEL;telefon
⟦P1f:given⟧;⟦P1f:sur⟧;⟦NID:PL_PESEL⟧;⟦PHONE:PL⟧""",
)
add(
    "csv_prose",
    "nl",
    """De regels die de import weigerde:
naam,bsn,iban
⟦P1:full⟧,⟦NID:NL_BSN⟧,⟦IBAN:NL⟧
⟦P2:full⟧,⟦NID:NL_BSN⟧,⟦IBAN:NL⟧""",
)

# --- JSON log lines ---------------------------------------------------------------------
add(
    "json_log",
    "en",
    """{"ts":"⟦D:timestamp⟧","level":"INFO","msg":"login ok","user":"⟦P1:email⟧","client_ip":"⟦IP⟧","ua":"Mozilla/5.0 Chrome/⟦D:ip_like_version⟧"}""",
    """{"ts":"⟦D:timestamp⟧","level":"WARN","svc":"checkout","order":"⟦D:order_number⟧","trace_id":"⟦D:md5⟧","latency_ms":⟦D:float⟧}""",
    """{"time":"⟦D:timestamp⟧","event":"profile.update","actor":{"name":"⟦P1:full⟧","phone":"⟦PHONE⟧"},"request_id":"⟦D:uuid⟧"}""",
    """{"ts":"⟦D:timestamp⟧","level":"ERROR","msg":"db connect failed","dsn":"⟦DBURL⟧","retry":3}""",
    """{"ts":"⟦D:timestamp⟧","level":"DEBUG","msg":"health","host":"⟦D:hostname⟧","bind":"⟦L:loopback_or_reserved_ip:0.0.0.0⟧:8080","peer":"⟦D:documentation_ip⟧","version":"⟦D:version⟧"}""",
    """{"@timestamp":"⟦D:timestamp⟧","event.action":"payment","card":"⟦CARDRAW⟧","amount":"⟦D:price⟧","customer_id":"⟦D:uuid⟧"}""",
    """{"ts":"⟦D:timestamp⟧","level":"INFO","component":"model-server","model":"⟦D:model_id⟧","device":"Jetson Orin","gpu_temp":⟦D:float⟧,"commit":"⟦D:git_sha⟧"}""",
    """{"ts":"⟦D:timestamp⟧","msg":"outbound call","headers":{"Authorization":"Bearer ⟦KEY:openai⟧"},"url":"⟦D:plain_url⟧"}""",
    """{"level":"info","ts":⟦D:timestamp⟧,"caller":"dhcp/lease.go:212","msg":"lease","mac":"⟦MAC⟧","ip":"⟦IP⟧","hostname":"⟦P1:given⟧s-iPhone"}""",
    """{"ts":"⟦D:timestamp⟧","level":"INFO","msg":"webhook delivered","to":"⟦L:role_or_reserved_email:noreply@example.com⟧","sha":"⟦D:hash⟧"}""",
    """{"ts":"⟦D:timestamp⟧","kyc":{"name":"⟦P1:upper⟧","dob":"⟦DOB:en⟧","passport":"⟦PASS:IN⟧","nationality":"IN"},"status":"review"}""",
    """{"ts":"⟦D:timestamp⟧","level":"INFO","job":"nightly-export","rows":⟦L:float:184223⟧,"duration_s":⟦D:float⟧,"build":"⟦D:build_number⟧"}""",
    """{"ts":"⟦D:timestamp⟧","msg":"withdrawal requested","wallet":"⟦WALLET⟧","user_ip":"⟦IP6⟧"}""",
)
add(
    "json_log",
    "ja",
    """{"ts":"⟦D:timestamp⟧","level":"INFO","msg":"会員登録","name":"⟦P1:full⟧","tel":"⟦PHONE:JP⟧","email":"⟦P1:email⟧"}""",
    """{"ts":"⟦D:timestamp⟧","level":"INFO","msg":"在庫更新","sku":"⟦D:sku⟧","商品":"Nintendo Switch","数量":⟦L:float:42⟧}""",
)
add(
    "json_log",
    "ru",
    """{"ts":"⟦D:timestamp⟧","level":"INFO","msg":"регистрация","fio":"⟦P1:full⟧","inn":"⟦NID:RU_INN⟧","phone":"⟦PHONE:RU⟧"}""",
)
add(
    "json_log",
    "de",
    """{"ts":"⟦D:timestamp⟧","level":"INFO","msg":"Lastschrift angelegt","kontoinhaber":"⟦P1:full⟧","iban":"⟦IBAN:DE⟧","mandat":"⟦D:invoice_id⟧"}""",
)
add(
    "json_log",
    "ko",
    """{"ts":"⟦D:timestamp⟧","level":"INFO","msg":"회원가입","이름":"⟦P1:full⟧","휴대폰":"⟦PHONE:KR⟧","ip":"⟦IP⟧"}""",
)

# --- legal contracts --------------------------------------------------------------------
add(
    "legal_contract",
    "en",
    """RESIDENTIAL TENANCY AGREEMENT
This agreement is made on ⟦D:event_date⟧ between ⟦D:company⟧ Properties Ltd ("the Landlord") and ⟦P1:full⟧, born ⟦DOB:en⟧ ("the Tenant"), for the premises at ⟦ADDR:gb⟧.
1. Rent of ⟦D:price⟧ per month is payable to account ⟦IBAN:GB⟧.
2. Notices to the Tenant may be sent to ⟦P1:email⟧.""",
    """SOFTWARE LICENSE AGREEMENT
Licensor: ⟦D:company⟧ Inc., a Delaware corporation. Licensee: the entity identified in the Order Form ⟦D:order_number⟧.
2.1 Licensor grants Licensee a non-exclusive licence to use the Software, version ⟦D:version⟧, on up to 50 Jetson Orin devices.
9.3 Notices: ⟦L:role_or_reserved_email:legal@brightlake.io⟧. Governing law: the State of Georgia.""",
    """EMPLOYMENT CONTRACT — SCHEDULE 1 (EMPLOYEE DETAILS)
Name: ⟦P1:full⟧
National Insurance number: ⟦NID:UK_NINO⟧
Home address: ⟦ADDR:gb⟧
Salary account: ⟦IBAN:GB⟧
Signed for and on behalf of the Company by ⟦P2:full⟧, HR Director.""",
    """DEED OF GUARANTEE
THIS DEED is dated ⟦D:event_date⟧ and made BETWEEN (1) ⟦P1:full⟧ of ⟦ADDR:us⟧ (SSN ⟦NID:US_SSN⟧) (the "Guarantor") and (2) Wells Fargo Bank, N.A. (the "Lender").""",
    """MUTUAL NON-DISCLOSURE AGREEMENT
between Johnson & Johnson Services, Inc. and Procter & Gamble, each a "Party". Confidential Information excludes information that is publicly available. This Agreement is governed by the laws of the State of Washington. Reference ⟦D:case_number⟧.""",
    """Signature page
Executed as a deed by ⟦D:company⟧ Ltd acting by a director in the presence of a witness:
Director: ⟦P1:full⟧
Witness name: ⟦P2:full⟧
Witness address: ⟦ADDR:gb⟧""",
)
add(
    "legal_contract",
    "de",
    """MIETVERTRAG
zwischen ⟦D:company⟧ Immobilien GmbH (Vermieterin) und Herrn ⟦P1m:full⟧, geb. am ⟦DOB:de⟧, wohnhaft ⟦ADDR:de⟧ (Mieter).
§ 3 Die Miete ist auf das Konto ⟦IBAN:DE⟧ zu überweisen.""",
    """KAUFVERTRAG über ein gebrauchtes Kraftfahrzeug
Fahrzeug: Mercedes-Benz E-Klasse, FIN ⟦D:serial⟧, Erstzulassung ⟦D:event_date⟧. Kaufpreis ⟦D:price⟧. Gewährleistung ausgeschlossen. Gerichtsstand Frankfurt.""",
)
add(
    "legal_contract",
    "fr",
    """CONTRAT DE TRAVAIL À DURÉE INDÉTERMINÉE
Entre la société ⟦D:company⟧ SAS et Mme ⟦P1f:full⟧, née le ⟦DOB:fr⟧, numéro de sécurité sociale ⟦NID:FR_INSEE⟧, demeurant ⟦ADDR:fr⟧.""",
    """CONDITIONS GÉNÉRALES DE VENTE — Article 7
Les réclamations sont adressées à ⟦L:role_or_reserved_email:facturation@atelier-mirabeau.fr⟧. Le prix du sac Hermès Birkin est indiqué TTC (⟦D:price⟧).""",
)
add(
    "legal_contract",
    "es",
    """CONTRATO DE ARRENDAMIENTO
En Madrid, a ⟦D:event_date⟧. De una parte, D. ⟦P1m:full⟧, con DNI ⟦NID:ES_DNI⟧ y domicilio en ⟦ADDR:es⟧; de otra, D.ª ⟦P2f:full⟧, con NIE ⟦NID:ES_NIE⟧.""",
)
add(
    "legal_contract",
    "it",
    """CONTRATTO DI LOCAZIONE
Tra la sig.ra ⟦P1f:full⟧, nata il ⟦DOB:it⟧, C.F. ⟦NID:IT_CF⟧, residente in ⟦ADDR:it⟧, e la società ⟦D:company⟧ S.p.A.""",
)
add(
    "legal_contract",
    "pt",
    """CONTRATO DE PRESTAÇÃO DE SERVIÇOS
CONTRATANTE: ⟦P1:full⟧, CPF ⟦NID:BR_CPF⟧, residente em ⟦ADDR:br⟧.
CONTRATADA: ⟦D:company⟧ Ltda.""",
)
add(
    "legal_contract",
    "zh",
    """房屋租赁合同
出租方：⟦P1:full⟧，身份证号码：⟦NID:CN_RIC⟧，联系电话：⟦PHONE:CN⟧
承租方：⟦P2:full⟧
房屋地址：⟦ADDR:zh⟧""",
)
add(
    "legal_contract",
    "ar",
    """عقد إيجار
الطرف الأول: ⟦P1:full⟧، رقم الجوال ⟦PHONE:SA⟧
الطرف الثاني: شركة أرامكو للخدمات
العنوان: ⟦ADDR:ar⟧""",
    """شروط الاستخدام: تخضع هذه الاتفاقية لأنظمة المملكة. للتواصل: ⟦L:role_or_reserved_email:contact@example.com⟧. الإصدار ⟦D:version⟧.""",
)
add(
    "legal_contract",
    "tr",
    """KİRA SÖZLEŞMESİ
Kiraya veren: ⟦P1:full⟧ (T.C. Kimlik No: ⟦NID:TR_TCKN⟧)
Kiracı: ⟦P2:full⟧
Adres: ⟦ADDR:tr⟧
Kira bedeli ⟦IBAN:TR⟧ numaralı hesaba yatırılır.""",
)

# --- academic papers: author lists and acknowledgements ---------------------------------
add(
    "paper_credits",
    "en",
    """⟦P1:full⟧¹, ⟦P2:full⟧², ⟦P3:full⟧¹*
¹ Department of Computer Science, University of ⟦D:place⟧  ² ⟦D:company⟧ Research
*Corresponding author: ⟦P3:email⟧""",
    """Acknowledgements
We thank ⟦P1:full⟧ and ⟦P2:full⟧ for helpful discussions, and the anonymous reviewers. This work was supported by ⟦D:grant⟧ and a Humboldt Research Fellowship. Experiments ran on Jetson Orin and H100 nodes donated by Nvidia.""",
    """Acknowledgments
This research was funded by the Marie Skłodowska-Curie Actions (grant ⟦D:grant⟧) and the Nobel Foundation's symposium programme. Code: ⟦D:plain_url⟧. Preprint: ⟦D:arxiv⟧, DOI ⟦D:doi⟧.""",
    """References
[12] Kaplan–Meier curve estimators revisited. In Proc. NeurIPS, 2023. ⟦D:doi⟧
[13] Gaussian processes for Bayesian optimisation. ⟦D:arxiv⟧
[14] The Turing test at seventy. ISBN ⟦D:isbn⟧""",
    """Author contributions: ⟦P1:init⟧ and ⟦P2:init⟧ designed the study; ⟦P3:init⟧ ran the Cox regression and Wilcoxon test analyses; all authors approved the final version. Correspondence to ⟦P1:email⟧.""",
    """We are grateful to ⟦P1:given⟧ at ⟦D:company⟧ for lending us a Raspberry Pi 5 cluster, and to the Hugging Face team for hosting ⟦D:model_id⟧.""",
    """Model card — ⟦D:model_id⟧
Developed by: ⟦D:company⟧. Finetuned from: Llama 3. License: Apache-2.0. Evaluation: Levenshtein distance, Jaccard index. Contact: ⟦L:role_or_reserved_email:research@brightlake.io⟧.""",
)
add(
    "paper_credits",
    "de",
    """Danksagung
Ich danke meiner Betreuerin Prof. Dr. ⟦P1f:full⟧ sowie ⟦P2:full⟧ für die Unterstützung. Gefördert durch die DFG (Projekt ⟦D:grant⟧) und die Alexander von Humboldt-Stiftung.""",
)
add(
    "paper_credits",
    "ja",
    """謝辞
本研究にご助言いただいた⟦P1:full⟧先生、⟦P2:full⟧氏に感謝いたします。本研究は JSPS 科研費 ⟦D:grant⟧ の助成を受けた。""",
    """著者：⟦P1:full⟧（東京大学）、⟦P2:full⟧（京都大学）
連絡先：⟦P1:email⟧""",
)
add(
    "paper_credits",
    "zh",
    """致谢
感谢⟦P1:full⟧教授和⟦P2:full⟧博士的指导。本研究得到国家自然科学基金（⟦D:grant⟧）资助。""",
)
add(
    "paper_credits",
    "ko",
    """감사의 글
연구에 도움을 주신 ⟦P1:full⟧ 교수님과 ⟦P2:full⟧ 박사님께 감사드립니다. 본 연구는 한국연구재단(⟦D:grant⟧)의 지원을 받았습니다.""",
)
add(
    "paper_credits",
    "fr",
    """Remerciements
Nous remercions ⟦P1:full⟧ et ⟦P2:full⟧ pour leur relecture attentive. Ce travail a bénéficié d'une aide de l'ANR (⟦D:grant⟧).""",
)
add(
    "paper_credits",
    "ru",
    """Благодарности
Авторы благодарят ⟦P1:full⟧ и ⟦P2:full⟧ за обсуждение результатов. Работа выполнена при поддержке РНФ (грант ⟦D:grant⟧).""",
)

# --- social media posts -----------------------------------------------------------------
add(
    "social_post",
    "en",
    """Huge congrats to my sister ⟦P1f:given⟧ on finishing the Boston marathon!! 🏃‍♀️ #proud #BostonStrong""",
    """Just got the new Pixel 9 Pro and honestly Gemini on it is better than Siri ever was. Fight me. #tech""",
    """LOST DOG in ⟦D:place⟧ park — brown lab, answers to Ford. If found please call ⟦P1:given⟧ on ⟦PHONE⟧ 🙏 RT please""",
    """Can't believe Porsche just dropped the new Taycan and Ford is still teasing the Mustang. Who else is waiting for Model Y prices to drop? 🚗""",
    """Thread 🧵 on why the Kalman filter is underrated (1/7)""",
    """@⟦P1:given⟧_92 happy birthday!!! 🎂 can't believe you're 30, see you at ⟦ADDR:us⟧ tonight""",
    """Excited to share that I've joined ⟦D:company⟧ as Senior ML Engineer! Grateful to ⟦P1:full⟧ and ⟦P2:full⟧ for the mentorship. #newjob #opentowork""",
    """PSA: the giveaway DMs asking for your card number are a scam. Real contests never ask for ⟦D:test_card⟧-style details. Stay safe!""",
    """send BTC here for the fundraiser: ⟦WALLET⟧ — every sat goes to ⟦P1:given⟧'s surgery 🙏""",
    """Anyone else's Alexa randomly laughing at 3am? Firmware ⟦D:ip_like_version⟧. Asking for a friend.""",
    """Ada, Julia and Ruby walk into a bar… the bartender says "we don't serve programming languages here". 😂 #devhumor""",
)
add(
    "social_post",
    "es",
    """¡Felicidades a mi abuela ⟦P1f:given⟧ por sus 90 años! 🎉 La fiesta es en ⟦ADDR:es⟧, ¡os esperamos!""",
    """¿Alguien más con problemas con el Zara app hoy? Versión ⟦D:version⟧ y no carga. #ayuda""",
)
add(
    "social_post",
    "pt",
    """Vendo meu iPhone, tratar com ⟦P1:given⟧ no ⟦PHONE:BR⟧ (só whats) 📱""",
    """Alguém viu o jogo ontem? O Porto jogou demais! ⚽ #FCPorto""",
)
add(
    "social_post",
    "ja",
    """⟦P1:given⟧ちゃん、誕生日おめでとう！🎂 今度また Nintendo Switch で遊ぼうね""",
    """新しい Sony のヘッドホン、ノイキャンすごい。Uniqlo で買ったセーターと一緒に届いた #買い物""",
)
add(
    "social_post",
    "ko",
    """⟦P1:given⟧아 생일 축하해! 🎉 오늘 저녁 7시에 봐""",
    """삼성 갤럭시 S24 써보신 분? 카카오톡 업데이트 ⟦D:version⟧ 이후 배터리가 빨리 닳아요""",
)
add(
    "social_post",
    "tr",
    """Kayıp kedi! ⟦D:place⟧ civarında kayboldu, bulan olursa ⟦P1:given⟧ — ⟦PHONE:TR⟧ 🙏""",
    """Yeni Arçelik bulaşık makinesi aldık, Koç Holding'e teşekkürler 😅 #ev""",
)
add(
    "social_post",
    "ar",
    """ألف مبروك لصديقي ⟦P1m:given⟧ على التخرج! 🎓""",
    """هل جربتم تطبيق أرامكو الجديد؟ الإصدار ⟦D:version⟧ أسرع بكثير.""",
)
add(
    "social_post",
    "ru",
    """Поздравляю ⟦P1:given⟧ с днём рождения! 🎉 Встречаемся в 19:00.""",
    """Кто-нибудь пробовал новый Яндекс Станция Макс? Обновление ⟦D:version⟧ сломало будильник.""",
)

# --- SMS --------------------------------------------------------------------------------
add(
    "sms",
    "en",
    """Hey it's ⟦P1:given⟧, new number. Save this one: ⟦PHONE⟧""",
    """Your verification code is 482913. It expires in 10 minutes. Do not share it. -⟦D:company⟧""",
    """⟦D:company⟧: Your parcel ⟦D:tracking_number⟧ will arrive today between 10:00-12:00. Manage: ⟦D:plain_url⟧""",
    """mum the wifi password is ⟦PW⟧ don't tell ⟦P1:given⟧ lol""",
    """Hi ⟦P1:given⟧, ⟦P2:given⟧ here from the dentist. Can you confirm your DOB (⟦DOB:en⟧) for the insurance form? Thx""",
    """Reminder: Your Ford service appointment is on ⟦D:event_date⟧. Ref ⟦D:order_number⟧. Reply STOP to opt out.""",
    """pls send the rent to ⟦IBAN:IE⟧ this month, new account x ⟦P1:given⟧""",
    """Meeting ID ⟦D:meeting_id⟧ passcode 7731. See you at 3.""",
    """ur Uber is arriving: Toyota Corolla, plate ⟦L:serial:KX19 ABC⟧. Driver rating 4.93""",
)
add(
    "sms",
    "de",
    """Hi, hier ist ⟦P1:given⟧, meine neue Nummer: ⟦PHONE:DE⟧. LG""",
    """Ihre DHL-Sendung ⟦D:tracking_number⟧ wird heute zugestellt. Infos: ⟦D:plain_url⟧""",
)
add(
    "sms",
    "fr",
    """Coucou c'est ⟦P1:given⟧, je t'envoie le code du portail : 2748B. Bisous""",
    """Votre code de confirmation Orange est 551203. Ne le communiquez à personne.""",
)
add(
    "sms",
    "it",
    """Ciao sono ⟦P1:given⟧, mi mandi l'IBAN per la quota del regalo? Il mio è ⟦IBAN:IT⟧""",
    """Il tuo ordine ⟦D:order_number⟧ è stato spedito con BRT. Tracking ⟦D:tracking_number⟧.""",
)
add(
    "sms",
    "nl",
    """Hoi, met ⟦P1:given⟧. Kun je me terugbellen op ⟦PHONE:NL⟧? Groetjes""",
    """Uw pakket van bol.com wordt morgen bezorgd. Track & trace: ⟦D:tracking_number⟧""",
)
add(
    "sms",
    "pl",
    """Cześć, tu ⟦P1:given⟧. Mój nowy numer to ⟦PHONE:PL⟧, zapisz sobie.""",
    """Twój kod BLIK to 620 418. Nie podawaj go nikomu.""",
)
add(
    "sms",
    "zh",
    """我是⟦P1:given⟧，换号了，新号码 ⟦PHONE:CN⟧，请惠存。""",
    """【顺丰速运】您的快件 ⟦D:tracking_number⟧ 已到达驿站，取件码 8-2-3017。""",
)
add(
    "sms",
    "ko",
    """[Web발신] ⟦P1:full⟧님, 주문하신 상품이 발송되었습니다. 송장번호 ⟦D:tracking_number⟧""",
    """[카카오뱅크] 인증번호 [482913]를 입력해주세요.""",
)
add(
    "sms",
    "ar",
    """مرحبا، أنا ⟦P1:given⟧، هذا رقمي الجديد ⟦PHONE:AE⟧""",
    """رمز التحقق الخاص بك هو 739105. لا تشاركه مع أحد.""",
)
add(
    "sms",
    "sv",
    """Hej det är ⟦P1:given⟧, nytt nummer: ⟦PHONE:SE⟧""",
    """Ditt paket från PostNord kan hämtas. Kolli-ID ⟦D:tracking_number⟧, kod 4412.""",
)

# --- voicemail transcripts --------------------------------------------------------------
add(
    "voicemail",
    "en",
    """[Voicemail, 0:42] "Hi, this is ⟦P1:full⟧ calling about the flat on ⟦L:place:Victoria⟧ Road. Could you call me back on ⟦PHONE⟧? Thanks, bye.\"""",
    """[Transcript] "Hey ⟦P1:given⟧, it's ⟦P2:given⟧. Running late, the Jetson Orin demo overran. Call you after. Oh and tell ⟦P3:given⟧ the Dell laptops came.\"""",
    """[Voicemail transcript — auto-generated] "Hello, this is an automated message from ⟦D:company⟧ about your order ⟦D:order_number⟧. Press one to speak to an agent.\"""",
    """Voicemail from ⟦PHONE⟧ (⟦D:timestamp⟧): "Hi, ⟦P1:full⟧ here, my date of birth is ⟦DOB:en⟧ and my policy number is ⟦D:case_number⟧, please call back about the claim.\"""",
    """[Voicemail] "This is Alexa calling from the reception desk — sorry, from the front desk app — your table at Marriott is confirmed for eight.\"""",
)
add(
    "voicemail",
    "de",
    """[Sprachnachricht] „Hallo, hier ist ⟦P1:full⟧. Ich rufe wegen der Rechnung ⟦D:invoice_id⟧ an. Bitte rufen Sie mich unter ⟦PHONE:DE⟧ zurück.\"""",
)
add(
    "voicemail",
    "es",
    """[Mensaje de voz] «Hola, soy ⟦P1:full⟧, le llamo por la cita del ⟦D:event_date⟧. Mi teléfono es el ⟦PHONE:ES⟧. Gracias.»""",
)
add(
    "voicemail",
    "fr",
    """[Message vocal] « Bonjour, c'est ⟦P1:full⟧, je vous appelle au sujet du devis Dassault. Rappelez-moi au ⟦PHONE:FR⟧. »""",
)
add(
    "voicemail",
    "ja",
    """【留守番電話】「⟦P1:full⟧と申します。注文番号 ⟦D:order_number⟧ の件でお電話しました。⟦PHONE:JP⟧ までご連絡ください。」""",
)
add(
    "voicemail",
    "ru",
    """[Голосовое сообщение] «Здравствуйте, это ⟦P1:full⟧. Перезвоните мне, пожалуйста, по номеру ⟦PHONE:RU⟧.»""",
)

# --- police and court style reports -----------------------------------------------------
add(
    "police_report",
    "en",
    """INCIDENT REPORT ⟦D:case_number⟧
Date/time: ⟦D:timestamp⟧
Reporting officer: PC ⟦P1:sur⟧ (badge 4471)
Complainant: ⟦P2:full⟧, DOB ⟦DOB:en⟧, of ⟦ADDR:gb⟧, tel ⟦PHONE:GB⟧
Summary: Complainant reports theft of a ThinkPad X1 Carbon (serial ⟦D:serial⟧) from a vehicle parked on Kings Road.""",
    """CRIME SUMMARY ⟦D:case_number⟧
Offence: fraud by false representation. Suspect used card ⟦CARD⟧ belonging to the victim, ⟦P1:full⟧, at a Lidl store in ⟦D:place⟧ on ⟦D:event_date⟧. CCTV requested.""",
    """IN THE CIRCUIT COURT OF ⟦L:place:JACKSON⟧ COUNTY
Case No. ⟦D:case_number⟧
STATE v. ⟦P1:upper⟧
Defendant's date of birth: ⟦DOB:en⟧. Defence counsel: ⟦P2:full⟧. Hearing set for ⟦D:event_date⟧.""",
    """Traffic collision report ⟦D:case_number⟧: two vehicles (Volvo XC60 and Renault Clio) at the junction of Station Road. No injuries. Weather clear. Coordinates ⟦D:coordinates⟧. Officer attending: see duty roster.""",
    """Witness statement of ⟦P1:full⟧ (age 34, occupation nurse).
"On ⟦D:event_date⟧ I saw a man in a grey hoodie enter the Tesco car park. He got into a Ford Focus. I later gave my number, ⟦PHONE⟧, to the officer."
Signed: ⟦P1:init⟧""",
    """Press release: Police are appealing for witnesses after a burglary at a Hilton hotel in ⟦D:place⟧ on ⟦D:event_date⟧. Anyone with information should call 101 quoting ⟦D:case_number⟧.""",
)
add(
    "police_report",
    "de",
    """Strafanzeige ⟦D:case_number⟧
Anzeigenerstatterin: ⟦P1f:full⟧, geb. ⟦DOB:de⟧, wohnhaft ⟦ADDR:de⟧
Sachverhalt: Diebstahl eines E-Bikes (Bosch-Antrieb, Rahmennummer ⟦D:serial⟧) am ⟦D:event_date⟧.""",
    """Pressemitteilung: Am ⟦D:event_date⟧ kam es in ⟦D:place⟧ zu einem Verkehrsunfall zwischen einem Opel Corsa und einem BMW X3. Aktenzeichen ⟦D:case_number⟧. Hinweise an jede Polizeidienststelle.""",
)
add(
    "police_report",
    "fr",
    """PROCÈS-VERBAL D'AUDITION ⟦D:case_number⟧
Nous entendons Mme ⟦P1f:full⟧, née le ⟦DOB:fr⟧, demeurant ⟦ADDR:fr⟧, qui déclare : « On m'a volé mon sac Dior devant la gare. »""",
)
add(
    "police_report",
    "es",
    """ATESTADO ⟦D:case_number⟧
Denunciante: ⟦P1m:full⟧, con DNI ⟦NID:ES_DNI⟧, nacido el ⟦DOB:es⟧.
Hechos: sustracción de un Seat Ibiza en la Calle Mayor.""",
)
add(
    "police_report",
    "ru",
    """ПРОТОКОЛ ⟦D:case_number⟧
Заявитель: ⟦P1m:full⟧, дата рождения ⟦DOB⟧, проживает: ⟦ADDR:ru⟧.
Сообщил о краже велосипеда Stels из подъезда.""",
)
add(
    "police_report",
    "pl",
    """Notatka służbowa ⟦D:case_number⟧
Zgłaszający: ⟦P1m:full⟧, PESEL ⟦NID:PL_PESEL⟧, zam. ⟦ADDR:pl⟧.
Zgłoszono kradzież roweru marki Kross z klatki schodowej.""",
)
add(
    "police_report",
    "ja",
    """被害届 ⟦D:case_number⟧
届出人：⟦P1:full⟧（⟦DOB⟧生）
住所：⟦ADDR:ja⟧
被害品：Sony 製ノートパソコン 1台""",
)

# --- classified ads ---------------------------------------------------------------------
add(
    "classified_ad",
    "en",
    """FOR SALE: 2019 Honda Civic, 48k miles, one owner, full service history. $14,500 ono. Call ⟦P1:given⟧ ⟦PHONE:US⟧ after 6pm.""",
    """FOR SALE: IKEA Kallax shelf, white, 4x4. Collection only from ⟦D:place⟧. ⟦D:price⟧. Reply via the marketplace.""",
    """WANTED: Lego Technic sets, any condition. Paying cash. Msg ⟦P1:full⟧, ⟦P1:email⟧""",
    """Tutor available — maths & physics (Schrödinger equation to Fourier transform). £35/h. Contact ⟦P1:given⟧: ⟦PHONE:GB⟧""",
    """Garage sale Saturday! Kitchen stuff, a Dyson V15, kids' bikes. ⟦ADDR:us⟧, 8am–1pm.""",
    """FREE to good home: Nintendo Switch (broken joy-con), Kindle Paperwhite (2nd gen). First come first served, ask at reception.""",
    """Room to let in shared house, ⟦D:price⟧ pcm incl. bills. Near Jackson Park. No pets. Viewing: ⟦L:role_or_reserved_email:lettings@hollowayfreight.co.uk⟧""",
)
add(
    "classified_ad",
    "de",
    """Verkaufe Miele Waschmaschine W1, 3 Jahre alt, ⟦D:price⟧ VB. Abholung in ⟦D:place⟧. Tel. ⟦PHONE:DE⟧ (⟦P1:given⟧)""",
    """Suche Nachmieter für 2-Zimmer-Wohnung, ⟦D:price⟧ warm. Besichtigung nach Absprache über das Portal.""",
)
add(
    "classified_ad",
    "fr",
    """Vends Peugeot 208, 2020, 45 000 km, ⟦D:price⟧. Contacter ⟦P1:given⟧ au ⟦PHONE:FR⟧.""",
    """Donne canapé Ikea, à venir chercher à Lyon 3e. Pas de livraison.""",
)
add(
    "classified_ad",
    "it",
    """Vendo Fiat Panda 2018, unico proprietario, ⟦D:price⟧ trattabili. Chiamare ⟦P1:full⟧ al ⟦PHONE:IT⟧.""",
)
add(
    "classified_ad",
    "nl",
    """Te koop: Gazelle damesfiets, ⟦D:price⟧. Ophalen in Utrecht. Bel ⟦P1:given⟧: ⟦PHONE:NL⟧""",
)
add(
    "classified_ad",
    "ru",
    """Продаю Škoda Octavia 2017 г., пробег 90 тыс. км, ⟦D:price⟧. Звонить ⟦P1:given⟧, ⟦PHONE:RU⟧.""",
    """Сдаётся гараж у метро, ⟦D:price⟧ в месяц. Только через сообщения на сайте.""",
)
add(
    "classified_ad",
    "ja",
    """【譲ります】Nintendo Switch 本体、箱付き。⟦D:price⟧。連絡は ⟦P1:email⟧ まで（⟦P1:sur⟧）""",
)
add(
    "classified_ad",
    "zh",
    """出售二手华为 Mate 60，九成新，价格 ⟦D:price⟧，有意者联系⟦P1:sur⟧先生 ⟦PHONE:CN⟧。""",
)
add(
    "classified_ad",
    "tr",
    """Satılık Renault Clio, 2016 model, ⟦D:price⟧. İletişim: ⟦P1:full⟧ ⟦PHONE:TR⟧""",
)

# --- real-estate listings ---------------------------------------------------------------
add(
    "real_estate",
    "en",
    """Charming 3-bed Victorian terrace close to Lincoln station. Open-plan kitchen with Bosch appliances, south-facing garden. EPC C. Asking ⟦D:price⟧. Viewings via the agency.""",
    """JUST LISTED — 2BR/2BA condo in downtown ⟦L:place:Madison⟧. Walk to the lake. HOA $310/mo. MLS# ⟦D:order_number⟧. Listed by ⟦D:company⟧ Realty.""",
    """Private sale: ⟦ADDR:us⟧. 4 bed, 2.5 bath, built 1998. Owner ⟦P1:full⟧ — call or text ⟦PHONE:US⟧. No agents.""",
    """Lot 14, Georgia Avenue frontage, zoned C-2. Coordinates ⟦D:coordinates⟧. Parcel ID ⟦D:case_number⟧. Price on application.""",
    """Tenant reference: ⟦P1:full⟧ rented ⟦ADDR:gb⟧ from us between 2021 and ⟦D:event_date⟧ and always paid on time. Contact ⟦P2:full⟧ on ⟦PHONE:GB⟧ for details.""",
)
add(
    "real_estate",
    "de",
    """Helle 3-Zimmer-Wohnung in Köln-Ehrenfeld, 78 m², Einbauküche (Siemens), Balkon. Kaltmiete ⟦D:price⟧. Energieausweis liegt vor.""",
    """Provisionsfrei vom Eigentümer: Reihenhaus, ⟦ADDR:de⟧. Ansprechpartner ⟦P1:full⟧, ⟦PHONE:DE⟧.""",
)
add(
    "real_estate",
    "es",
    """Piso en venta en Sevilla, barrio de Triana: 3 dormitorios, terraza, ⟦D:price⟧. Referencia ⟦D:sku⟧.""",
    """Se alquila estudio en ⟦ADDR:es⟧. Contacto: ⟦P1:full⟧ — ⟦P1:email⟧""",
)
add(
    "real_estate",
    "fr",
    """À vendre : maison de ville à Bordeaux, 4 pièces, jardin, ⟦D:price⟧. DPE D. Réf. ⟦D:sku⟧.""",
)
add(
    "real_estate",
    "it",
    """Affittasi bilocale in zona Navigli, Milano, arredato, ⟦D:price⟧/mese. Classe energetica B.""",
    """Vendesi appartamento in ⟦ADDR:it⟧, 90 mq. Proprietario: ⟦P1:full⟧, tel. ⟦PHONE:IT⟧.""",
)
add(
    "real_estate",
    "pt",
    """Apartamento T2 em Lisboa, Avenidas Novas, ⟦D:price⟧. Certificado energético B. Ref. ⟦D:sku⟧.""",
)
add(
    "real_estate",
    "sv",
    """Till salu: 3 rok i Vasastan, Stockholm, 74 kvm, utgångspris ⟦D:price⟧. Visning söndag.""",
)
add(
    "real_estate",
    "ko",
    """매매: 서울 마포구 아파트 84㎡, 매매가 ⟦D:price⟧. 문의는 중개사무소로.""",
    """전세 매물 ⟦ADDR:ko⟧, 집주인 ⟦P1:full⟧ 연락처 ⟦PHONE:KR⟧""",
)
add(
    "real_estate",
    "ar",
    """للبيع: فيلا في حي النرجس بالرياض، ٥ غرف، السعر ⟦D:price⟧. للتواصل عبر المكتب العقاري.""",
    """شقة للإيجار في ⟦ADDR:ar⟧. المالك ⟦P1:full⟧، جوال ⟦PHONE:SA⟧""",
)

# --- clinical notes ---------------------------------------------------------------------
add(
    "clinical_note",
    "en",
    """PATIENT: ⟦P1:upper⟧   DOB: ⟦DOB:en⟧   MRN: ⟦D:case_number⟧
S: 67 y/o with known Parkinson's disease presents with increased tremor.
O: BP 142/88, HR 76. Gait shuffling.
A/P: Increase levodopa. Refer to neurology (Dr. ⟦P2:sur⟧). Follow-up ⟦D:event_date⟧.""",
    """Discharge summary
Diagnosis: Hodgkin lymphoma, stage II; Cushing's syndrome excluded. Apgar score not applicable. Glasgow Coma Scale 15 on arrival. Follow-up with oncology in 6 weeks. Ward 7B, bed 12.""",
    """Referral letter
Dear Dr ⟦P1:sur⟧,
I would be grateful if you could see ⟦P2f:full⟧ (DOB ⟦DOB:en⟧, NHS patient), ⟦ADDR:gb⟧, who has suspected Crohn's disease. She can be reached on ⟦PHONE:GB⟧.
Yours sincerely, Dr ⟦P3:full⟧""",
    """Nursing handover 07:00 — Bay 3
Bed 1: post-op day 2, mobilising. Bed 2: ⟦P1:given⟧, confused overnight, family (daughter ⟦P2f:given⟧, ⟦PHONE⟧) asked to be called if worse. Bed 3: empty.""",
    """Clinical guideline excerpt: For suspected Down syndrome screening, offer the combined test between 11 and 14 weeks. Doppler ultrasound for fetal growth restriction. Version ⟦D:version⟧, review date ⟦D:event_date⟧.""",
    """Telehealth note — patient ⟦P1:full⟧ (insurance ⟦NID:US_SSN⟧) joined from ⟦IP⟧. Discussed Hashimoto's thyroiditis; TSH ⟦D:float⟧ mIU/L. Rx sent to the CVS on ⟦D:place⟧ Ave.""",
)
add(
    "clinical_note",
    "de",
    """Arztbrief
Patientin: ⟦P1f:full⟧, geb. ⟦DOB:de⟧
Diagnose: Morbus Crohn, Erstdiagnose. Therapie mit Budesonid begonnen. Kontrolle in 4 Wochen.
Mit kollegialen Grüßen, Dr. med. ⟦P2:full⟧""",
    """Pflegestandard Sturzprophylaxe, Version ⟦D:version⟧. Braden-Skala und Glasgow Coma Scale dokumentieren. Gültig ab ⟦D:event_date⟧.""",
)
add(
    "clinical_note",
    "fr",
    """Compte rendu de consultation
Patient : M. ⟦P1m:full⟧, né le ⟦DOB:fr⟧, NIR ⟦NID:FR_INSEE⟧
Motif : suivi maladie d'Alzheimer. MMSE 22/30. Prochain rendez-vous le ⟦D:event_date⟧.""",
)
add(
    "clinical_note",
    "it",
    """Lettera di dimissione
Paziente: ⟦P1:full⟧, nato/a il ⟦DOB:it⟧, C.F. ⟦NID:IT_CF⟧
Diagnosi: morbo di Parkinson. Terapia invariata. Controllo tra 3 mesi.""",
)
add(
    "clinical_note",
    "nl",
    """Verwijsbrief
Betreft: ⟦P1:full⟧, geboren ⟦DOB:nl⟧, BSN ⟦NID:NL_BSN⟧
Verdenking ziekte van Crohn; graag verdere analyse.""",
)
add(
    "clinical_note",
    "ja",
    """診療記録
患者氏名：⟦P1:full⟧　生年月日：⟦DOB⟧
主訴：頭痛。既往歴：橋本病。次回受診 ⟦D:event_date⟧。""",
    """看護手順書 第⟦D:version⟧版：転倒予防のためグラスゴー・コーマ・スケールを記録すること。""",
)
add(
    "clinical_note",
    "zh",
    """门诊病历
姓名：⟦P1:full⟧　出生日期：⟦DOB⟧　身份证号：⟦NID:CN_RIC⟧
诊断：帕金森病。建议复查。""",
)
add(
    "clinical_note",
    "ko",
    """진료 기록
환자: ⟦P1:full⟧ / 생년월일: ⟦DOB⟧
진단: 파킨슨병 의심, 신경과 협진 의뢰.""",
)
add(
    "clinical_note",
    "ar",
    """تقرير طبي
اسم المريض: ⟦P1:full⟧
تاريخ الميلاد: ⟦DOB⟧
التشخيص: داء السكري من النوع الثاني.""",
    """إرشادات سريرية: يستخدم مقياس غلاسكو للغيبوبة لتقييم الوعي. الإصدار ⟦D:version⟧.""",
)
add(
    "clinical_note",
    "tr",
    """Epikriz
Hasta: ⟦P1:full⟧, Doğum tarihi: ⟦DOB⟧, TCKN: ⟦NID:TR_TCKN⟧
Tanı: Parkinson hastalığı. Kontrol ⟦D:event_date⟧.""",
)

# --- school records ---------------------------------------------------------------------
add(
    "school_record",
    "en",
    """STUDENT RECORD
Name: ⟦P1:full⟧   Year 9   DOB: ⟦DOB:en⟧
Parent/guardian: ⟦P2:full⟧, ⟦PHONE⟧, ⟦P2:email⟧
Notes: Allergic to peanuts. Collected by grandmother on Fridays.""",
    """Report card comment — Term 2
⟦P1:given⟧ has made excellent progress in maths this term, especially with Pythagoras' theorem and Venn diagrams. ⟦P1:given⟧ should keep reading every evening.
Class teacher: ⟦P2:init⟧""",
    """Timetable change: From ⟦D:event_date⟧ Year 10 Chemistry moves to Lab 4 (Curie block). Bunsen burners will be replaced. Room booking ref ⟦D:ticket_number⟧.""",
    """Detention slip
Student: ⟦P1:full⟧ (Class 8C)
Reason: repeated use of Siri in class.
Issued by: ⟦P2:full⟧
Parent signature: ______""",
    """Transcript request — University admissions
Applicant ⟦P1:full⟧, born ⟦DOB:en⟧, passport ⟦PASS:IN⟧. Send the transcript to ⟦L:role_or_reserved_email:admissions@example.org⟧.""",
    """Newsletter: Congratulations to our robotics team, who won with a Raspberry Pi 5 rover running ⟦D:model_id⟧! The Nobel Prize lecture screening is on ⟦D:event_date⟧ in the Darwin Hall.""",
)
add(
    "school_record",
    "de",
    """Schülerakte
Name: ⟦P1:full⟧, Klasse 7b, geb. ⟦DOB:de⟧
Erziehungsberechtigte: ⟦P2:full⟧, Tel. ⟦PHONE:DE⟧
Bemerkung: Befreiung vom Sportunterricht bis ⟦D:event_date⟧.""",
)
add(
    "school_record",
    "fr",
    """Bulletin scolaire — 2e trimestre
Élève : ⟦P1:full⟧, 4e B
Appréciation : ⟦P1:given⟧ fait preuve de sérieux. Félicitations du conseil de classe.""",
)
add(
    "school_record",
    "es",
    """Ficha del alumno
Nombre: ⟦P1:full⟧ — 3.º ESO
Fecha de nacimiento: ⟦DOB:es⟧
Contacto familiar: ⟦P2:full⟧, ⟦PHONE:ES⟧""",
)
add(
    "school_record",
    "sv",
    """Elevkort
Elev: ⟦P1:full⟧, klass 6A, personnummer ⟦NID:SE_PNR⟧
Vårdnadshavare: ⟦P2:full⟧, ⟦PHONE:SE⟧""",
)
add(
    "school_record",
    "ru",
    """Личное дело учащегося
ФИО: ⟦P1:full⟧, 5 «Б» класс, дата рождения ⟦DOB⟧
Родитель: ⟦P2:full⟧, тел. ⟦PHONE:RU⟧""",
    """Расписание: с ⟦D:event_date⟧ урок физики (закон Ома, уравнение Шрёдингера) переносится в кабинет 214.""",
)
add(
    "school_record",
    "zh",
    """学生档案
姓名：⟦P1:full⟧　班级：初二（3）班　出生日期：⟦DOB⟧
家长：⟦P2:full⟧　电话：⟦PHONE:CN⟧""",
)
add(
    "school_record",
    "ko",
    """학생 생활기록부
성명: ⟦P1:full⟧, 2학년 3반
보호자: ⟦P2:full⟧ (⟦PHONE:KR⟧)""",
)
add(
    "school_record",
    "it",
    """Pagella — primo quadrimestre
Alunno/a: ⟦P1:full⟧, classe 2ª B. Comportamento: ottimo. Il coordinatore, prof. ⟦P2:sur⟧.""",
)
add(
    "school_record",
    "pt",
    """Ficha de matrícula
Aluno(a): ⟦P1:full⟧, nascido(a) em ⟦DOB:pt⟧
Responsável: ⟦P2:full⟧, ⟦PHONE:PT⟧, ⟦P2:email⟧""",
)

# --- bug reports with stack traces ------------------------------------------------------
add(
    "bug_report",
    "en",
    """**Bug:** export crashes on names with apostrophes

```
Traceback (most recent call last):
  File "/srv/app/export.py", line 88, in write_row
    writer.writerow([user.name, user.email])
ValueError: bad value 'O'⟦P1:sur⟧' for user ⟦P1:email⟧
```
Version ⟦D:version⟧, commit ⟦D:git_sha⟧.""",
    """### Describe the bug
`torch.compile` fails on Jetson Orin with JetPack ⟦D:version⟧.

```
RuntimeError: CUDA error: no kernel image is available for execution on the device
  at /opt/pytorch/aten/src/ATen/native/cuda/Loss.cu:242
```
Driver ⟦D:ip_like_version⟧, CUDA 12.2, Python 3.10. Same on ⟦D:hostname⟧.""",
    """Steps to reproduce:
1. Set `DATABASE_URL=⟦DBURL⟧`
2. Run `make migrate`
3. See error:
```
psycopg2.OperationalError: connection to server failed: FATAL: password authentication failed
```
(yes I know I pasted the real URL, rotating it now)""",
    """**Expected:** phone numbers are normalised.
**Actual:**
```
>>> normalise("⟦PHONE⟧")
Traceback (most recent call last):
  File "<stdin>", line 1, in <module>
  File "phone/utils.py", line 17, in normalise
    raise ParseError(raw)
phone.errors.ParseError: ⟦PHONE⟧
```""",
    """### Environment
- OS: Windows 11 (build ⟦D:ip_like_version⟧)
- App: ⟦D:version⟧
- GPU: RTX 4090, driver ⟦D:ip_like_version⟧

Crash dump sha256 ⟦D:hash⟧, uploaded as ⟦D:uuid⟧.dmp. Happens with Gaussian blur radius > 64.""",
    """Bug: the Slack notifier leaks the token in logs.
```
2026-03-14 10:02:11 DEBUG notifier: POST https://slack.com/api/chat.postMessage token=⟦KEY:slack⟧
```
Reported by ⟦P1:full⟧.""",
    """### Bug report
CI fails on `test_login`:
```
AssertionError: expected 200, got 401 for user=⟦L:placeholder_person:Jane Doe⟧ password=⟦D:placeholder_secret⟧
  File "tests/test_auth.py", line 41
```
Fixture data only; no real accounts. Build ⟦D:build_number⟧.""",
    """Stacktrace from prod:
```
java.lang.NullPointerException: Cannot invoke "Customer.getIban()" because "customer" is null
    at com.brightlake.billing.SepaExport.row(SepaExport.java:214)
    at com.brightlake.billing.SepaExport.run(SepaExport.java:88)
```
Request id ⟦D:uuid⟧ from ⟦IP⟧ (customer ⟦P1:full⟧, IBAN ⟦IBAN⟧).""",
    """The Dijkstra's algorithm implementation in `graph/route.py` returns wrong paths when two edges tie. Minimal example attached; reproduced on ⟦D:version⟧ and ⟦D:version⟧. Related: ⟦D:cve⟧ is unrelated, ignore the scanner.""",
    """`git bisect` points at ⟦D:git_sha⟧. Before that commit the Bloom filter false-positive rate was ⟦D:float⟧; after it, ⟦D:float⟧. Bench host ⟦D:hostname⟧ (⟦L:loopback_or_reserved_ip:127.0.0.1⟧:9000).""",
    """Crash in the HF upload step:
```
huggingface_hub.errors.HfHubHTTPError: 401 Client Error for url: https://huggingface.co/api/repos/create
token used: ⟦KEY:hf⟧
```""",
    """Bug with wallet validation: address `⟦WALLET⟧` is rejected although it's valid. Reported by ⟦P1:given⟧ on Discord.""",
)
add(
    "bug_report",
    "de",
    """**Fehler:** Beim Import der Kundendatei bricht das Programm ab.
```
KeyError: 'Geburtsdatum' in Zeile 14 (Kunde ⟦P1:full⟧, ⟦ADDR:de⟧)
```
Version ⟦D:version⟧.""",
    """**Fehler:** Die Siemens-S7-Anbindung verliert die Verbindung nach ⟦D:float⟧ s. Firmware ⟦D:ip_like_version⟧, Log-Hash ⟦D:hash⟧.""",
)
add(
    "bug_report",
    "ja",
    """不具合報告：ログイン時に 500 エラー
```
Error: user not found: ⟦P1:email⟧
    at AuthService.login (auth.ts:77)
```
バージョン ⟦D:version⟧""",
    """不具合：Jetson Orin 上でカメラが認識されない。JetPack ⟦D:version⟧、カーネル ⟦D:ip_like_version⟧。""",
)
add(
    "bug_report",
    "zh",
    """问题描述：导出报表时报错
```
UnicodeEncodeError: 'ascii' codec can't encode characters: '⟦P1:full⟧'
```
版本 ⟦D:version⟧，提交 ⟦D:git_sha⟧。""",
    """Bug：华为 Mate 60 上应用闪退，系统版本 ⟦D:ip_like_version⟧，崩溃 ID ⟦D:uuid⟧。""",
)
add(
    "bug_report",
    "ru",
    """Ошибка при сохранении профиля:
```
ValidationError: phone '⟦PHONE:RU⟧' for user ⟦P1:email⟧
```
Версия ⟦D:version⟧.""",
    """Ошибка: Yandex Maps SDK падает на Android 14, сборка ⟦D:build_number⟧, хеш ⟦D:git_sha⟧.""",
)
add(
    "bug_report",
    "pt",
    """**Bug:** o cadastro rejeita CPF válido.
```
ValueError: CPF inválido: ⟦NID:BR_CPF⟧ (cliente ⟦P1:full⟧)
```""",
)
add(
    "bug_report",
    "ko",
    """버그: 결제 시 오류 발생
```
PaymentError: card ⟦CARD⟧ declined for ⟦P1:full⟧
```
버전 ⟦D:version⟧""",
)

# --- more look-alike-only texts and rarer identifiers -----------------------------------
add(
    "email_thread",
    "en",
    """> Which key did you rotate?
The old one, ⟦KEY:aws⟧ — it was in the Terraform state. New one is in the vault, not pasting it here.
⟦P1:given⟧""",
    """Hi ⟦P1:given⟧, for the visa letter I need your passport number and date of birth.
> Passport ⟦PASS:DE⟧, born ⟦DOB:en⟧. Thanks!
Got it — ⟦P2:given⟧""",
    """Subject: Re: Stripe webhook failing
> which secret is configured?
`⟦KEY:stripe⟧` in prod — I know, I'll rotate it after this thread. Sorry all. — ⟦P1:full⟧""",
)
add(
    "json_log",
    "en",
    """{"ts":"⟦D:timestamp⟧","level":"INFO","msg":"vpn connect","user":"⟦P1:email⟧","assigned_ip":"⟦IP⟧","device_mac":"⟦MAC⟧"}""",
    """{"ts":"⟦D:timestamp⟧","level":"WARN","msg":"rate limited","client":"⟦D:documentation_ip⟧","route":"/v1/messages","model":"⟦D:model_id⟧","retry_after":⟦D:float⟧}""",
    """{"ts":"⟦D:timestamp⟧","level":"INFO","msg":"checkout","test_mode":true,"card":"⟦D:test_card⟧","amount":"⟦D:price⟧","order":"⟦D:order_number⟧"}""",
)
add(
    "support_ticket_md",
    "en",
    """## ⟦D:ticket_number⟧ — leaked credentials in public repo

Found in `config/settings.py` on a public fork:
- `GITHUB_TOKEN = "⟦KEY:github⟧"`
- `SMTP_PASSWORD = "⟦PW⟧"`
Both revoked at ⟦D:timestamp⟧. Owner: @⟦P1:given⟧.""",
    """## ⟦D:ticket_number⟧ — Travel booking correction

Traveller: **⟦P1:full⟧**, passport **⟦PASS:US⟧**, DOB ⟦DOB:en⟧. Name on ticket misspelled; reissue requested with airline.""",
)
add(
    "csv_prose",
    "en",
    """Wallet payouts that bounced yesterday:
user_id,wallet,amount_btc
⟦D:uuid⟧,⟦WALLET⟧,⟦D:float⟧
⟦D:uuid⟧,⟦WALLET⟧,⟦D:float⟧""",
)
add(
    "bug_report",
    "en",
    """Redis connection string is logged at startup:
```
INFO cache: connecting to ⟦DBURL⟧
```
Please mask credentials in URLs. Found by ⟦P1:given⟧.""",
    """The Gemini integration ignores `GOOGLE_API_KEY` and falls back to a hard-coded key `⟦KEY:google⟧` in `client.js` line 12.""",
)
add(
    "meeting_minutes",
    "fr",
    """Compte rendu du comité produit : lancement de la Peugeot 208 électrique reporté ; budget Renault validé (⟦D:price⟧) ; ticket ⟦D:ticket_number⟧ clos. Prochaine réunion le ⟦D:event_date⟧.""",
)
add(
    "meeting_minutes",
    "es",
    """Acta de la reunión: se aprueba el presupuesto de Mango (⟦D:price⟧) y la migración a Gemini. Incidencia ⟦D:ticket_number⟧ cerrada. Próxima reunión: ⟦D:event_date⟧.""",
)
add(
    "meeting_minutes",
    "it",
    """Verbale riunione: approvato il budget Barilla (⟦D:price⟧); la migrazione a Claude parte il ⟦D:event_date⟧. Ticket ⟦D:ticket_number⟧ chiuso.""",
)
add(
    "meeting_minutes",
    "pt",
    """Ata da reunião: aprovado o orçamento da Natura (⟦D:price⟧); piloto com Alexa em São Paulo; chamado ⟦D:ticket_number⟧ encerrado.""",
)
add(
    "meeting_minutes",
    "tr",
    """Toplantı notları: Sabancı projesi bütçesi onaylandı (⟦D:price⟧); Koç Holding ile görüşme ⟦D:event_date⟧ tarihinde. Bilet ⟦D:ticket_number⟧ kapatıldı.""",
)
add(
    "meeting_minutes",
    "ru",
    """Протокол совещания: бюджет проекта Лукойл утверждён (⟦D:price⟧); переход на версию ⟦D:version⟧ — ⟦D:event_date⟧. Заявка ⟦D:ticket_number⟧ закрыта.""",
)
add(
    "meeting_minutes",
    "ar",
    """محضر الاجتماع: تمت الموافقة على ميزانية مشروع طيران الإمارات (⟦D:price⟧)، والترقية إلى الإصدار ⟦D:version⟧ في ⟦D:event_date⟧.""",
)
add(
    "meeting_minutes",
    "ja",
    """議事録：トヨタ向け提案は承認（⟦D:price⟧）。Sony との共同検証は ⟦D:event_date⟧ 開始。チケット ⟦D:ticket_number⟧ はクローズ。""",
)
add(
    "meeting_minutes",
    "pl",
    """Notatka ze spotkania: budżet na laptopy Dell zatwierdzony (⟦D:price⟧), migracja do wersji ⟦D:version⟧ w dniu ⟦D:event_date⟧.""",
)
add(
    "sms",
    "es",
    """Tu código de verificación de BBVA es 882105. No lo compartas con nadie.""",
    """Hola, soy ⟦P1:given⟧, mi nuevo número es ⟦PHONE:ES⟧. ¡Guárdalo!""",
)
add(
    "sms",
    "tr",
    """Siparişiniz ⟦D:order_number⟧ kargoya verildi. Takip no: ⟦D:tracking_number⟧""",
    """Merhaba, ben ⟦P1:given⟧. Yeni numaram: ⟦PHONE:TR⟧""",
)
add(
    "sms",
    "ru",
    """Код подтверждения Сбербанк: 774120. Никому не сообщайте.""",
    """Привет, это ⟦P1:given⟧. Мой новый номер ⟦PHONE:RU⟧""",
)
add(
    "sms",
    "ja",
    """【Amazon】ご注文 ⟦D:order_number⟧ は本日発送されました。""",
    """⟦P1:given⟧です。番号変わりました：⟦PHONE:JP⟧""",
)
add(
    "sms",
    "pt",
    """Seu código de verificação Nubank é 301947. Não compartilhe.""",
)
add(
    "social_post",
    "de",
    """Endlich den neuen Porsche Taycan Probe gefahren 😍 Danke ans Team vom Porsche Zentrum ⟦D:place⟧! #porsche""",
    """Herzlichen Glückwunsch an meine Kollegin ⟦P1f:given⟧ zur bestandenen Prüfung! 🎉""",
)
add(
    "social_post",
    "fr",
    """Quelqu'un a testé Claude vs Gemini pour résumer des PDF ? Je trouve Siri complètement à la ramasse. #IA""",
    """Bravo à ⟦P1:given⟧ pour son premier marathon de Paris ! 🏃""",
)
add(
    "social_post",
    "zh",
    """新买的华为手机拍照真不错，小米也在降价，纠结中 #数码""",
    """祝⟦P1:given⟧生日快乐！🎂""",
)
add(
    "social_post",
    "it",
    """Qualcuno ha provato la nuova Alfa Romeo Giulia? Dicono che Ferrari abbia aiutato con il motore. #auto""",
)
add(
    "social_post",
    "nl",
    """Wie heeft de nieuwe Philips Hue al? Werkt prima met Alexa en Siri. #smarthome""",
)
add(
    "social_post",
    "sv",
    """Grattis till ⟦P1:given⟧ som fyller 40 idag! 🎉""",
    """Nya Volvo XC60 är riktigt bra, men IKEA Billy är fortfarande svårare att montera. 😅""",
)
add(
    "social_post",
    "pl",
    """Ktoś testował nowego Copilota w Wordzie? U mnie wersja ⟦D:version⟧ się wiesza. #IT""",
)
add(
    "clinical_note",
    "es",
    """Protocolo clínico: escala de coma de Glasgow y test de Apgar; enfermedad de Parkinson y síndrome de Down en la guía ⟦D:version⟧, revisión ⟦D:event_date⟧.""",
)
add(
    "clinical_note",
    "pl",
    """Karta informacyjna: pacjent ⟦P1m:full⟧, PESEL ⟦NID:PL_PESEL⟧. Rozpoznanie: choroba Parkinsona. Kontrola ⟦D:event_date⟧.""",
)
add(
    "classified_ad",
    "ko",
    """중고 닌텐도 스위치 판매, ⟦D:price⟧, 직거래만 가능합니다. 채팅으로 연락주세요.""",
)
add(
    "classified_ad",
    "ar",
    """للبيع: سيارة هيونداي ٢٠١٩ بحالة ممتازة، السعر ⟦D:price⟧. التواصل عبر الموقع فقط.""",
)
add(
    "classified_ad",
    "sv",
    """Säljes: IKEA Kallax och en Husqvarna gräsklippare, ⟦D:price⟧. Hämtas i Göteborg.""",
)
add(
    "legal_contract",
    "nl",
    """HUUROVEREENKOMST
Huurder: ⟦P1:full⟧, geboren ⟦DOB:nl⟧, wonende ⟦ADDR:nl⟧. De huur wordt maandelijks voldaan op ⟦IBAN:NL⟧.""",
    """Algemene voorwaarden versie ⟦D:version⟧: geschillen worden voorgelegd aan de rechtbank Rotterdam. Contact: ⟦L:role_or_reserved_email:klantenservice@gemeentehuis-zuid.nl⟧.""",
)
add(
    "legal_contract",
    "ja",
    """賃貸借契約書
借主：⟦P1:full⟧（生年月日 ⟦DOB⟧）
住所：⟦ADDR:ja⟧
連絡先：⟦PHONE:JP⟧""",
)
add(
    "legal_contract",
    "ko",
    """임대차 계약서
임대인: ⟦P1:full⟧ (주민등록번호 ⟦NID:KR_RRN⟧)
임차인: ⟦P2:full⟧
소재지: ⟦ADDR:ko⟧""",
)
add(
    "police_report",
    "ar",
    """بلاغ رقم ⟦D:case_number⟧
المبلغ: ⟦P1:full⟧، جوال ⟦PHONE:EG⟧
الواقعة: سرقة هاتف سامسونج من سيارة متوقفة.""",
    """بيان صحفي: تدعو الشرطة الشهود على حادث مروري في ⟦D:place⟧ بتاريخ ⟦D:event_date⟧ إلى التواصل. رقم القضية ⟦D:case_number⟧.""",
)
add(
    "police_report",
    "zh",
    """报案记录 ⟦D:case_number⟧
报案人：⟦P1:full⟧，身份证号 ⟦NID:CN_RIC⟧，电话 ⟦PHONE:CN⟧
案情：电动车被盗。""",
)
add(
    "police_report",
    "ko",
    """사건 보고서 ⟦D:case_number⟧: ⟦D:event_date⟧ 현대 아이오닉 5와 기아 스포티지 접촉 사고. 인명 피해 없음.""",
)
add(
    "voicemail",
    "it",
    """[Messaggio vocale] «Buongiorno, sono ⟦P1:full⟧, chiamo per la fattura ⟦D:invoice_id⟧. Mi richiami al ⟦PHONE:IT⟧, grazie.»""",
)
add(
    "voicemail",
    "zh",
    """【语音留言】"你好，我是⟦P1:full⟧，关于订单 ⟦D:order_number⟧ 的事情，请回电 ⟦PHONE:CN⟧。\"""",
)
add(
    "voicemail",
    "ko",
    """[음성메시지] "안녕하세요, ⟦P1:full⟧입니다. 주문번호 ⟦D:order_number⟧ 관련해서 ⟦PHONE:KR⟧로 연락 부탁드립니다.\"""",
)
add(
    "voicemail",
    "en",
    """[Voicemail] "Hi, it's the Dell support line returning your call about case ⟦D:case_number⟧. No action is needed; the replacement ThinkPad— sorry, Latitude— ships ⟦D:event_date⟧.\"""",
)
add(
    "voicemail",
    "ar",
    """[رسالة صوتية] "مرحباً، معك ⟦P1:full⟧، أرجو الاتصال بي على الرقم ⟦PHONE:JO⟧ بخصوص الطلب ⟦D:order_number⟧.\"""",
)
add(
    "school_record",
    "nl",
    """Rapport: ⟦P1:full⟧ (groep 7) heeft goede vooruitgang geboekt. Contact ouders: ⟦PHONE:NL⟧.""",
)
add(
    "school_record",
    "tr",
    """Öğrenci kaydı
Ad Soyad: ⟦P1:full⟧, Sınıf: 6-B, TCKN: ⟦NID:TR_TCKN⟧
Veli: ⟦P2:full⟧, ⟦PHONE:TR⟧""",
)
add(
    "school_record",
    "ar",
    """سجل الطالب
الاسم: ⟦P1:full⟧، الصف السابع
ولي الأمر: ⟦P2:full⟧، جوال ⟦PHONE:SA⟧""",
)
add(
    "real_estate",
    "ja",
    """売物件：東京都世田谷区の中古マンション 3LDK、⟦D:price⟧。Panasonic 製システムキッチン。問い合わせは仲介会社まで。""",
)
add(
    "real_estate",
    "zh",
    """出售：上海浦东两室一厅，89平方米，总价 ⟦D:price⟧，近地铁2号线。""",
)
add(
    "real_estate",
    "nl",
    """Te koop: appartement in Eindhoven, 85 m², vraagprijs ⟦D:price⟧. Energielabel A.""",
)
add(
    "real_estate",
    "ru",
    """Продаётся двухкомнатная квартира в Казани, 56 м², ⟦D:price⟧. Рядом метро.""",
)
add(
    "paper_credits",
    "es",
    """Agradecimientos: a ⟦P1:full⟧ por la revisión y al proyecto ⟦D:grant⟧. Código disponible en ⟦D:plain_url⟧.""",
)
add(
    "paper_credits",
    "it",
    """Ringraziamenti: si ringrazia ⟦P1:full⟧ per i commenti. Lavoro finanziato dal progetto ⟦D:grant⟧.""",
)
add(
    "paper_credits",
    "pl",
    """Podziękowania: dziękujemy ⟦P1:full⟧ za pomoc. Praca finansowana z grantu ⟦D:grant⟧.""",
)
add(
    "paper_credits",
    "tr",
    """Teşekkür: Bu çalışma TÜBİTAK (⟦D:grant⟧) tarafından desteklenmiştir. ⟦P1:full⟧'a katkılarından dolayı teşekkür ederiz.""",
)
add(
    "support_ticket_md",
    "en",
    """## ⟦D:ticket_number⟧ — KYC mismatch

**Customer:** ⟦P1@in:full⟧
**Aadhaar:** ⟦NID:IN_AADHAAR⟧
**Mobile:** ⟦PHONE:IN⟧

Name on the Aadhaar letter differs from the PAN card spelling. Asked the customer to upload both again.""",
)
add(
    "clinical_note",
    "en",
    """OPD slip — ⟦D:place⟧ General Hospital
Patient: ⟦P1@in:full⟧, DOB ⟦DOB:en⟧, Aadhaar ⟦NID:IN_AADHAAR⟧
Complaint: fever ×3 days. Dengue NS1 ordered. Review ⟦D:event_date⟧.""",
)
add(
    "email_thread",
    "ja",
    """⟦P1:sur⟧様

ビザ申請書類の確認です。旅券番号 ⟦PASS:JP⟧、生年月日 ⟦DOB⟧ でお間違いないでしょうか。

> ⟦D:event_date⟧ ⟦P1:full⟧ さんは書きました:
> 申請書を送りました。""",
)
add(
    "legal_contract",
    "ko",
    """출입국 신고서 사본
성명: ⟦P1:full⟧
여권번호: ⟦PASS:KR⟧
생년월일: ⟦DOB⟧""",
)
FRAMES = F
