# ruff: noqa: E501
"""Demo pathway: tristhet og depresjonsplager (bokmål)."""

PATHWAY = {
    "slug": "tristhet-og-depresjon",
    "title": "Tristhet og depresjonsplager",
    "title_nn": "Tristheit og depresjonsplager",
    "summary": "Forløp for barn og unge som over tid er triste, nedstemte eller har mistet lysten på det de før likte. Forløpet beskriver hvordan tjenestene fanger opp plagene, vurderer selvmordsfare og gir hjelp på riktig nivå.",
    "target_group": "Barn og unge 6–18 år med tristhet, nedstemthet eller depresjon, og foreldrene deres.",
    "summary_nn": (
        "Forløp for born og unge som over tid er triste, nedstemde eller har mista lysta på det "
        "dei før likte. Forløpet skildrar korleis tenestene fangar opp plagene, vurderer "
        "sjølvmordsfare og gjev hjelp på rett nivå."
    ),
    "target_group_nn": (
        "Born og unge 6–18 år med tristheit, nedstemtheit eller depresjon, og foreldra deira."
    ),
    "status": "published",
    "service_types": [
        "helsestasjon",
        "skole",
        "fastlege",
        "psykisk-helse-kommune",
        "kommunepsykolog",
        "legevakt",
        "bup",
    ],
    "texts": {
        "nb": {
            "helsestasjon": {
                "role": "Skolehelsetjenesten og helsestasjon for ungdom er steder der unge selv kan komme, også uten at foreldrene vet om det. Helsesykepleier skal ta tristhet på alvor, skille vanlige livsbelastninger fra depresjon og sørge for at ingen blir gående alene med tunge tanker.",
                "assessment": "Spør direkte og rolig om hvordan den unge har det, hvor lenge det har vart, og om det har skjedd noe vanskelig. Kartlegg søvn, matlyst, konsentrasjon, venner og skole. **Spør alltid om tanker om å ikke ville leve.** Et kort skjema som MFQ kan brukes som støtte i samtalen.",
                "measures": "Ved lette plager tilbyr helsesykepleier jevnlige støttesamtaler og hjelper den unge å lage en plan for aktivitet, søvn og kontakt med andre. Foreldrene involveres når den unge samtykker, eller når det er nødvendig for å verne barnet. Gi informasjon om [ung.no](https://www.ung.no) og andre trygge nettsteder.",
                "evaluation": "Følg opp etter to til fire uker. Har stemningen og hverdagen bedret seg, kan samtalene trappes ned. Er plagene uendret eller verre, eller kommer det fram selvmordstanker, skal det drøftes straks hvem som tar over.",
                "collaboration": "Helsesykepleier samarbeider med kontaktlærer om tilrettelegging og med fastlegen om somatisk vurdering. Taushetsplikten gjelder, men når det er fare for liv og helse, skal nødvendig informasjon deles. Stafettloggen gir oversikt når flere er involvert.",
                "referral": "Ved moderate plager eller manglende bedring henvises den unge til kommunens psykiske helsetjeneste for barn og unge. Ved mistanke om alvorlig depresjon går veien via fastlegen til BUP. Ved akutt selvmordsfare: kontakt legevakt eller BUP samme dag, og la ikke den unge gå alene.",
            },
            "skole": {
                "role": "Lærere merker ofte endringene først: eleven trekker seg unna, blir irritabel, sover i timene eller slutter å levere. Skolen skal se eleven, ta kontakt og sørge for at eleven får hjelp, uten å prøve å være behandler selv.",
                "assessment": "Kontaktlærer tar en samtale med eleven om hvordan det går, og noterer endringer i fravær, innsats og sosial kontakt. Ta foreldrene med når eleven samtykker, eller når det er nødvendig. Vær oppmerksom på mobbing, utestengning og digitale krenkelser.",
                "measures": "Tilpass forventningene i en periode:\n\n- færre innleveringer og fleksible frister\n- en fast voksen å snakke med\n- hjelp til å holde på kontakten med klassen\n\nAvtalene lages sammen med eleven og skrives ned, slik at alle lærerne kjenner dem.",
                "evaluation": "Kontaktlærer og eleven går gjennom avtalene hver andre uke. Når eleven får det bedre, trappes tilretteleggingen gradvis ned. Øker fraværet, tar skolen kontakt med foreldrene og skolehelsetjenesten samme uke.",
                "collaboration": "Skolen samarbeider med skolehelsetjenesten og, med samtykke, med behandler i kommunen eller BUP. Når eleven har behov for tett oppfølging over tid, deltar skolen i ansvarsgruppe. Rådgiver kan hjelpe med valg og overganger når skolen er blitt tung.",
                "referral": "Oppfordre eleven til å snakke med helsesykepleier, og følg gjerne eleven dit. Uttaler eleven tanker om å ta sitt eget liv, skal skolen ikke vente: kontakt foreldre og helsetjeneste samme dag, og ring **113** ved akutt fare.",
            },
            "fastlege": {
                "role": "Fastlegen vurderer om nedstemthet kan ha en somatisk årsak, gir oppfølging ved lette og moderate plager og henviser videre når det trengs. Fastlegen har ofte kjent familien lenge og kan være en trygg voksen for ungdommen.",
                "assessment": "Gjør en somatisk undersøkelse med blodprøver ved behov, blant annet for anemi og stoffskifte. Kartlegg varighet, alvorlighet og funksjon, og spør om rus, vold og overgrep. Gjør alltid en **vurdering av selvmordsfare** og dokumenter den.",
                "measures": "Gi informasjon om depresjon og hva som hjelper: søvnrytme, fysisk aktivitet, struktur i hverdagen og kontakt med andre. Avtal tette kontroller i starten. Antidepressiva til barn og unge startes normalt i samråd med spesialisthelsetjenesten.",
                "evaluation": "Se den unge igjen etter to til fire uker og vurder funksjon og symptomer på nytt, gjerne med samme skjema som ved første konsultasjon. Manglende bedring etter seks til åtte uker er grunn til å vurdere henvisning.",
                "collaboration": "Fastlegen samarbeider med skolehelsetjenesten og kommunens psykiske helsetjeneste, og holder kontakt med BUP under behandling. Ungdom over 16 år bestemmer selv over helseopplysningene sine; yngre barns foreldre informeres som hovedregel.",
                "referral": "Henvis til BUP ved moderat til alvorlig depresjon, ved selvmordsfare, ved manglende effekt av kommunale tiltak, eller når det er mistanke om bipolar lidelse eller psykose. Beskriv tidligere tiltak og den unges egen motivasjon. Ved akutt fare kontaktes BUP eller legevakt direkte.",
            },
            "psykisk-helse-kommune": {
                "role": "Den kommunale psykiske helsetjenesten gir samtalebehandling til barn og unge med lette til moderate depresjonsplager, ofte i et familiesenter eller en ungdomstjeneste. Her kan unge få hjelp raskt og nær der de bor.",
                "assessment": "Tjenesten kartlegger plagene i to til tre samtaler, med den unge alene og sammen med foreldrene. Standardiserte skjema som MFQ brukes ved oppstart. Vurder selvmordsfare ved hver kontakt i starten, og avklar hva den unge selv ønsker å få til.",
                "measures": "Tilbudet er korttidsbehandling med kognitive og atferdsaktiverende metoder:\n\n- å planlegge aktiviteter som gir mestring og glede\n- å gjenkjenne og utfordre negative tanker\n- samtaler med foreldrene om hvordan de kan støtte\n\nKurs i depresjonsmestring for ungdom tilbys der det finnes.",
                "evaluation": "Symptomer og funksjon måles ved oppstart, etter fire samtaler og ved avslutning. Den unge gir tilbakemelding på samtalene. Uteblir bedringen etter åtte til ti samtaler, drøftes saken med fastlegen eller kommunepsykologen.",
                "collaboration": "Tjenesten samarbeider med skole, helsesykepleier og fastlege. Trenger den unge langvarige og koordinerte tjenester, tilbys **individuell plan** og koordinator. Foreldre og den unge deltar i alle møter om dem selv.",
                "referral": "Ved alvorlig depresjon, selvmordsfare eller manglende bedring drøftes saken med fastlegen med tanke på henvisning til BUP. Ved avslutning lages en plan for hva den unge og familien skal gjøre hvis plagene kommer tilbake.",
            },
            "kommunepsykolog": {
                "role": "Kommunepsykologen behandler unge med depresjon som trenger mer enn de andre kommunale tjenestene kan gi, og er en viktig veileder for helsesykepleiere og familiesenterets ansatte i vurdering av selvmordsfare.",
                "assessment": "Psykologen gjør en grundig vurdering av depresjonens alvorlighet, varighet og mulige årsaker, og ser etter angst, traumer og nevroutviklingsforstyrrelser. Selvmordsrisiko vurderes strukturert og dokumenteres.",
                "measures": "Individuell kognitiv terapi eller interpersonlig terapi tilpasset ungdom, med foreldrene involvert når det er til hjelp. Psykologen lager sammen med den unge en **sikkerhetsplan** når det har vært selvmordstanker.",
                "evaluation": "Behandlingen evalueres med standardiserte mål og i samtaler om den unges egne mål. Psykologen vurderer jevnlig om behandlingen er på riktig nivå, og tar opp med den unge og familien om spesialisthelsetjenesten bør inn.",
                "collaboration": "Kommunepsykologen gir veiledning til skolehelsetjeneste og skole, deltar i kommunens kriseteam og samarbeider med BUP om unge som venter på eller avslutter behandling der.",
                "referral": "Kommunepsykologen anbefaler henvisning til BUP ved alvorlig eller langvarig depresjon og ved vedvarende selvmordsfare. Henvisningen sendes av psykologen selv eller av fastlegen, etter lokal avtale, og beskriver behandlingen som er prøvd.",
            },
            "legevakt": {
                "role": "Legevakten tar imot barn og unge i akutt krise utenom fastlegens åpningstid, for eksempel etter selvskading, en overdose eller når familien er redd for at den unge skal ta sitt eget liv.",
                "assessment": "Legevaktslegen gjør en somatisk vurdering, behandler skader og forgiftninger og vurderer **akutt selvmordsfare**. Snakk med den unge alene og med foreldrene. Ved inntak av legemidler skal forgiftning alltid vurderes, også når den unge sier at det var lite.",
                "measures": "Legevakten sikrer at den unge er trygg: behandler det somatiske, sørger for at den unge ikke er alene og avtaler hvem som følger opp videre. Ved behov for øyeblikkelig hjelp kontaktes BUP eller barneavdelingen direkte.",
                "evaluation": "Før den unge sendes hjem, vurderes det om faren er over, om foreldrene kan ivareta sikkerheten, og om det er avtalt oppfølging neste virkedag. Vurderingen dokumenteres i epikrisen.",
                "collaboration": "Legevakten sender epikrise til fastlegen samme dag og varsler, med samtykke, den kommunale tjenesten som kjenner den unge. Ved bekymring for omsorgssituasjonen meldes det til barnevernet, som også har akuttberedskap.",
                "referral": "Ved akutt selvmordsfare henvises den unge til øyeblikkelig hjelp i BUP eller akuttpsykiatrien for ungdom. Ellers avtales oppfølging hos fastlegen eller kommunens psykiske helsetjeneste innen få dager.",
            },
            "bup": {
                "role": "BUP utreder og behandler barn og unge med moderat til alvorlig depresjon, og har ansvar for øyeblikkelig hjelp ved akutt selvmordsfare. BUP følger pakkeforløp for psykisk helse og rus for barn og unge.",
                "assessment": "Utredningen omfatter samtaler med den unge og foreldrene, standardiserte diagnostiske intervju, vurdering av selvmordsrisiko og kartlegging av skole og nettverk. Det avklares om det finnes tilleggslidelser som angst, ADHD, rus eller traumer.",
                "measures": "Behandlingen er samtaleterapi, som kognitiv terapi eller interpersonlig terapi, ofte kombinert med familiesamtaler. Ved alvorlig depresjon kan antidepressiva vurderes i tillegg. Ved høy selvmordsfare kan innleggelse eller ambulant oppfølging være nødvendig.",
                "evaluation": "Effekten måles jevnlig med symptomskjema og evalueringssamtaler med den unge og foreldrene, slik pakkeforløpet beskriver. Sikkerhetsplanen revideres når situasjonen endrer seg.",
                "collaboration": "BUP samarbeider med fastlegen, skolen og de kommunale tjenestene om tiltak i hverdagen, med samtykke. Forløpskoordinatoren er familiens kontaktperson, og BUP deltar i ansvarsgruppe når den unge har individuell plan.",
                "referral": "Ved avslutning overføres oppfølgingen til kommunen med en skriftlig plan som også beskriver tegn på tilbakefall. Ved behov for døgnbehandling henviser BUP til ungdomspsykiatrisk sengepost.",
            },
        },
    },
    "needs_local_adaptation": [
        ("helsestasjon", "referral"),
        ("psykisk-helse-kommune", "referral"),
        ("legevakt", "referral"),
        ("bup", "referral"),
    ],
}
