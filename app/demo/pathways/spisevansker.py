# ruff: noqa: E501
"""Demo pathway: spisevansker (bokmål)."""

PATHWAY = {
    "slug": "spisevansker",
    "title": "Spisevansker",
    "title_nn": "Etevanskar",
    "summary": "Forløp for barn og unge med spisevansker og mistanke om spiseforstyrrelse. Tidlig oppdagelse og rask medisinsk vurdering er avgjørende, og familien er den viktigste ressursen i behandlingen.",
    "target_group": "Barn og unge 8–18 år med restriktiv spising, vekttap, overspising eller kompenserende atferd, og foreldrene deres.",
    "summary_nn": (
        "Forløp for born og unge med etevanskar og mistanke om eteforstyrring. Tidleg oppdaging "
        "og rask medisinsk vurdering er avgjerande, og familien er den viktigaste ressursen i "
        "behandlinga."
    ),
    "target_group_nn": (
        "Born og unge 8–18 år med restriktiv eting, vekttap, overeting eller kompenserande "
        "åtferd, og foreldra deira."
    ),
    "status": "published",
    "service_types": [
        "helsestasjon",
        "skole",
        "fastlege",
        "psykisk-helse-kommune",
        "bup",
        "barneavdeling",
        "brukerorganisasjon",
    ],
    "texts": {
        "nb": {
            "helsestasjon": {
                "role": "Skolehelsetjenesten følger barns vekst og er ofte den første som ser at et barn har gått ned i vekt eller har flatet ut på vekstkurven. Helsesykepleier skal reagere tidlig, også når den unge selv mener at alt er i orden.",
                "assessment": "Mål høyde og vekt og sammenlign med barnets egen vekstkurve, ikke bare med normalområdet. Spør om måltider, trening, tanker om kropp og vekt, og om oppkast eller bruk av avføringsmidler. Hør også med foreldrene hvordan måltidene hjemme er blitt.",
                "measures": "Ved lette bekymringer gir helsesykepleier råd om regelmessige måltider og avtaler ny veiing etter kort tid. Foreldrene involveres tidlig, fordi de har en nøkkelrolle i å sikre at barnet spiser nok. Unngå å gi slankeråd eller kommentere kropp og utseende.",
                "evaluation": "Ny kontroll etter to til fire uker. Fortsetter vekttapet, eller har barnet stoppet å vokse som forventet, skal saken ikke vente på flere kontroller: barnet trenger en medisinsk vurdering hos fastlegen.",
                "collaboration": "Helsesykepleier samarbeider med foreldrene, fastlegen og skolen. Med samtykke kan skolen få råd om måltider i skoletiden og om kroppsøving. Informasjon om vekt deles bare med dem som trenger den for å hjelpe barnet.",
                "referral": "Ved vekttap, utflatet vekstkurve eller mistanke om spiseforstyrrelse bes foreldrene om å bestille time hos fastlegen **snarest**, og helsesykepleier sender en skriftlig bekymring dit med samtykke. Ved besvimelse eller tegn på alvorlig undervekt skal barnet til lege samme dag.",
            },
            "skole": {
                "role": "Skolen ser eleven i matpausen, i kroppsøving og i samspill med andre. Lærere kan legge merke til at eleven hopper over måltider, trener overdrevent eller trekker seg unna sosialt. Skolen skal si fra, ikke stille diagnose.",
                "assessment": "Lærer eller kontaktlærer noterer konkrete observasjoner, som at eleven ofte ikke spiser, fryser, er sliten eller har mye fravær. Ta en samtale med eleven med omtanke, og uten å fokusere på vekt og utseende.",
                "measures": "Sammen med eleven, foreldrene og behandlerne kan skolen:\n\n- legge til rette for trygge måltider, gjerne med en voksen til stede\n- tilpasse kroppsøving når behandler anbefaler det\n- redusere press rundt prøver og karakterer i en periode\n\nPlanen følges opp av kontaktlærer.",
                "evaluation": "Kontaktlærer og foreldrene avtaler hvordan skolen får vite om tilretteleggingen fortsatt passer, for eksempel et kort møte hver måned. Endringer i kroppsøving gjøres bare etter råd fra behandler.",
                "collaboration": "Skolen samarbeider med skolehelsetjenesten og med behandlerne i kommunen eller BUP når foreldrene samtykker. Vær varsom med samtaler om kropp, vekt og slanking i klassen; temaundervisning bør planlegges sammen med helsesykepleier.",
                "referral": "Ved bekymring kontaktes foreldrene og skolehelsetjenesten. Skolen henviser ikke selv til helsetjenesten, men kan sende en bekymring til helsesykepleier med samtykke. Ved omsorgssvikt gjelder opplysningsplikten til barnevernet.",
            },
            "fastlege": {
                "role": "Fastlegen har en sentral rolle: å vurdere den medisinske risikoen, utelukke andre årsaker til vekttap og henvise videre. Spiseforstyrrelser kan være livstruende, og den somatiske tilstanden avgjør hvor raskt barnet må ha hjelp.",
                "assessment": "Undersøk vekt, høyde, puls, blodtrykk (liggende og stående) og temperatur, og ta blodprøver med elektrolytter. Ta EKG ved lav puls eller elektrolyttforstyrrelser. Utelukk somatiske årsaker som cøliaki, diabetes og stoffskiftesykdom. Spør om menstruasjon og om kompenserende atferd.",
                "measures": "Informer barnet og foreldrene om alvoret på en rolig og tydelig måte. Gi foreldrene ansvar for at barnet spiser tilstrekkelig, og avtal tette kontroller av vekt og vitale tegn mens barnet venter på spesialisthelsetjenesten.",
                "evaluation": "Følg vekt og vitale tegn ukentlig, eller oftere ved høy risiko. Videre vekttap, fallende puls eller blodtrykksfall ved stående stilling betyr at tilstanden forverres og at det må handles raskt.",
                "collaboration": "Fastlegen samarbeider med helsesykepleier og foreldrene, og med BUP om den somatiske oppfølgingen under behandling. Ansvaret for medisinske kontroller avtales skriftlig, så det ikke faller mellom to stoler.",
                "referral": "Henvis til BUP ved mistanke om spiseforstyrrelse, og skriv hvor mye barnet har gått ned og på hvor lang tid. Ved **medisinsk ustabil tilstand** (svært lav puls, lavt blodtrykk, elektrolyttforstyrrelser eller raskt vekttap) henvises det akutt til barneavdelingen.",
            },
            "psykisk-helse-kommune": {
                "role": "Den kommunale psykiske helsetjenesten kan gi støtte ved lette spisevansker og følge opp familier som venter på eller avslutter behandling i BUP. Mistenkt spiseforstyrrelse skal likevel alltid vurderes medisinsk av fastlegen.",
                "assessment": "Tjenesten kartlegger hvordan spisevanskene påvirker hverdagen, hva som skjer rundt måltidene, og hvordan familien har det. Kartleggingen gjøres i samarbeid med fastlegen, som har ansvar for den medisinske vurderingen.",
                "measures": "Ved lette vansker tilbys samtaler med den unge og foreldreveiledning om måltidsstruktur og om å snakke om mat og kropp uten skam. Etter behandling i BUP kan tjenesten bidra til å forebygge tilbakefall.",
                "evaluation": "Tiltakene evalueres jevnlig sammen med den unge, foreldrene og fastlegen. Vekten følges av fastlegen eller helsesykepleier, ikke i samtaletimene, med mindre det er avtalt.",
                "collaboration": "Tjenesten samarbeider tett med fastlegen, skolehelsetjenesten og BUP. Når familien trenger flere tjenester over tid, tilbys individuell plan og koordinator. Brukerorganisasjoner kan gi foreldrene likepersonsstøtte.",
                "referral": "Ved forverring eller mistanke om alvorlig spiseforstyrrelse kontaktes fastlegen for medisinsk vurdering og henvisning til BUP. Kommunen skal ikke vente med å henvise til lett behandling er prøvd.",
            },
            "bup": {
                "role": "BUP utreder og behandler barn og unge med spiseforstyrrelser og har det faglige ansvaret for behandlingsforløpet. Spiseforstyrrelser prioriteres høyt, og BUP samarbeider tett med barneavdelingen om den somatiske tilstanden.",
                "assessment": "BUP gjør en samlet vurdering av den psykiske og somatiske tilstanden, gjerne i samarbeid med barneavdelingen. Utredningen omfatter samtaler med den unge og foreldrene, kartlegging av spiseatferd og avklaring av tilleggsvansker som angst, depresjon og autisme.",
                "measures": "Førstevalget for barn og unge med anoreksi er **familiebasert behandling**, der foreldrene får hjelp til å ta ansvar for måltidene til vekten er normalisert. For eldre ungdom og ved bulimi brukes også individuell kognitiv terapi. Behandlingen er poliklinisk så langt det er trygt.",
                "evaluation": "Vekt, vitale tegn og spiseatferd følges ved hver konsultasjon, og behandlingen evalueres med den unge og foreldrene i evalueringssamtaler. Ved manglende vektøkning vurderes mer intensiv behandling.",
                "collaboration": "BUP samarbeider med fastlegen om somatiske kontroller, med barneavdelingen ved innleggelse og med skolen om måltider og kroppsøving, med samtykke. Forløpskoordinatoren holder oversikten for familien.",
                "referral": "Ved medisinsk ustabil tilstand legges barnet inn i barneavdelingen for stabilisering. Ved behov for døgnbehandling henviser BUP videre til regionale tilbud. Ved avslutning avtales oppfølging hos fastlegen og i kommunen.",
            },
            "barneavdeling": {
                "role": "Barneavdelingen tar imot barn og unge med spiseforstyrrelser som er medisinsk ustabile, og gir somatisk behandling og ernæring. Avdelingen samarbeider med BUP, som har ansvaret for den psykiske behandlingen.",
                "assessment": "Barnelegen vurderer den medisinske risikoen: vitale tegn, EKG, blodprøver og hydrering. Ved oppstart av ernæring følges den unge tett med tanke på **refeeding-syndrom**, en farlig forstyrrelse i salter og væske.",
                "measures": "Behandlingen er gradvis opptrapping av ernæring, helst gjennom vanlig mat, eventuelt med sondeernæring. Måltidene er strukturerte og støttes av personalet, og foreldrene læres opp til å ta over ansvaret.",
                "evaluation": "Den medisinske tilstanden vurderes daglig. Når vitale tegn og blodprøver er stabile og den unge spiser tilstrekkelig, planlegges utskriving sammen med BUP og foreldrene.",
                "collaboration": "Barneavdelingen og BUP har felles møter om den unge under innleggelsen. Skolen ved sykehuset sørger for undervisning. Foreldre og den unge er med når planen for utskriving lages.",
                "referral": "Ved utskriving sendes epikrise til fastlegen og BUP, med en plan for vektkontroller og blodprøver. Ved ny forverring kan barnet legges inn igjen direkte etter avtale med BUP.",
            },
            "brukerorganisasjon": {
                "role": "Brukerorganisasjoner for spiseforstyrrelser, som ROS – Rådgivning om spiseforstyrrelser, gir informasjon, samtaler og likepersonsstøtte til unge og pårørende. De kjenner sykdommen fra innsiden og er et supplement til helsetjenesten.",
                "assessment": "Organisasjonen stiller ikke diagnose, men hjelper den unge og foreldrene med å sette ord på det som skjer, og med å forstå når det er tid for å oppsøke helsetjenesten.",
                "measures": "Tilbudet kan være samtaler på telefon, chat eller e-post, kurs for pårørende og selvhjelpsgrupper. Tilbudet er gratis og krever ingen henvisning.",
                "evaluation": "Organisasjonen ber om tilbakemeldinger fra brukerne og bruker dem til å forbedre tilbudet. Brukerrepresentanter kan også bidra i evalueringen av dette forløpet.",
                "collaboration": "Brukerorganisasjonene deltar på samhandlingsdager og i brukerutvalg, og kan holde foredrag for skoler og tjenester. Lokale kontaktpersoner og tilbud står i den lokale tilpasningen av dette forløpet.",
                "referral": "Organisasjonen oppfordrer den unge og familien til å kontakte fastlegen eller skolehelsetjenesten ved mistanke om spiseforstyrrelse, og ved fare for liv og helse til å ringe legevakt (116 117) eller **113**.",
            },
        },
    },
    "needs_local_adaptation": [
        ("helsestasjon", "referral"),
        ("bup", "referral"),
        ("brukerorganisasjon", "collaboration"),
    ],
}
