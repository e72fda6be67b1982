"""Demo pathway: bekymring for barn 0–3 år (bokmål og nynorsk)."""

PATHWAY = {
    "slug": "bekymring-barn-0-3",
    "title": "Bekymring for barn 0–3 år",
    "title_nn": "Bekymring for born 0–3 år",
    "summary": (
        "Forløpet beskriver hvordan tjenestene fanger opp og følger opp bekymring for sped- og "
        "småbarns utvikling, samspill og omsorgssituasjon – fra svangerskapet til barnet fyller "
        "tre år. Vekten ligger på tidlig innsats sammen med foreldrene."
    ),
    "target_group": (
        "Sped- og småbarn 0–3 år og foreldrene deres, også gravide der det er bekymring for barnet "
        "som ventes"
    ),
    "summary_nn": (
        "Forløpet skildrar korleis tenestene fangar opp og følgjer opp uro for utviklinga, "
        "samspelet og omsorgssituasjonen til sped- og småborn – frå svangerskapet til barnet "
        "fyller tre år. Vekta ligg på tidleg innsats saman med foreldra."
    ),
    "target_group_nn": (
        "Sped- og småborn 0–3 år og foreldra deira, også gravide der det er uro for barnet som "
        "er venta"
    ),
    "status": "published",
    "service_types": [
        "helsestasjon",
        "barnehage",
        "fastlege",
        "psykisk-helse-kommune",
        "familieambulatorium",
        "barnevern",
        "barneavdeling",
        "bup",
    ],
    "texts": {
        "nb": {
            "helsestasjon": {
                "role": (
                    "Helsestasjonen møter nesten alle familier med sped- og småbarn og har en "
                    "nøkkelrolle i å fange opp bekymring for barnets utvikling, samspillet og "
                    "omsorgssituasjonen. Jordmor og helsesykepleier følger familien fra "
                    "svangerskapet og hjemmebesøket til de faste konsultasjonene. Terskelen for å "
                    "ta kontakt skal være lav for foreldrene."
                ),
                "assessment": (
                    "- Vekst, motorikk, språk og sosial utvikling ved de faste konsultasjonene, "
                    "eventuelt med ASQ/ASQ:SE\n"
                    "- Samspillet mellom barn og foreldre – observasjon i konsultasjonen og ved "
                    "hjemmebesøk\n"
                    "- Foreldrenes psykiske helse, blant annet screening for depresjon hos mor "
                    "(f.eks. EPDS) og oppmerksomhet på far\n"
                    "- Rus, vold i nære relasjoner og andre belastninger i familien – spør "
                    "rutinemessig"
                ),
                "measures": (
                    "- Ekstra konsultasjoner og hjemmebesøk\n"
                    "- Foreldreveiledning, for eksempel ICDP eller andre veiledningsprogram "
                    "kommunen tilbyr\n"
                    "- Råd om søvn, gråt og mating\n"
                    "- Tverrfaglig drøfting etter kommunens BTI-modell, med stafettlogg når flere "
                    "tjenester er inne"
                ),
                "evaluation": (
                    "Avtal et tidspunkt for å vurdere om tiltaket har virket, gjerne etter 4–6 "
                    "uker. Bruk foreldrenes beskrivelse, egen observasjon av samspillet og "
                    "eventuelt ny kartlegging. Vedvarende bekymring skal føre til drøfting eller "
                    "henvisning, ikke bare nye kontroller."
                ),
                "collaboration": (
                    "Samarbeider med fastlege, barnehage, psykisk helsetjeneste, "
                    "familieambulatoriet og barnevern. Overføringen fra svangerskapsomsorgen bør "
                    "være god. Med samtykke kan familien få ett samlet møte med flere tjenester i "
                    "stedet for mange enkeltavtaler."
                ),
                "referral": (
                    "- Helsestasjonslegen eller fastlegen henviser til barneavdeling ved somatiske "
                    "avvik (vekst, motorikk, spising) og til BUP ved alvorlige regulerings- eller "
                    "samspillsvansker\n"
                    "- Kommunens psykiske helsetjeneste ved psykiske vansker hos foreldrene\n"
                    "- Melding til barnevernet ved grunn til å tro at barnet blir utsatt for "
                    "alvorlig omsorgssvikt eller mishandling"
                ),
            },
            "barnehage": {
                "role": (
                    "For mange barn under tre år er barnehagen den viktigste arenaen utenfor "
                    "hjemmet. Personalet ser barnet daglig og kan oppdage forsinket utvikling, "
                    "samspillsvansker eller tegn på at barnet ikke har det bra hjemme. Trygg "
                    "tilknytning til faste voksne er en forutsetning for at de minste skal trives."
                ),
                "assessment": (
                    "- Observer barnet systematisk over tid: kontakt, lek, språk, motorikk og "
                    "hvordan barnet søker trøst\n"
                    "- Legg merke til reaksjoner ved levering og henting\n"
                    "- Del observasjonene med foreldrene tidlig, og hør hva de erfarer\n"
                    "- Dokumenter konkret, med dato og uten tolkning"
                ),
                "measures": (
                    "- Fast primærkontakt og rolig tilvenning\n"
                    "- Ekstra voksenstøtte og språkstimulering i hverdagen\n"
                    "- Samtale med foreldrene om hva de ser hjemme og hva som kan hjelpe\n"
                    "- Henvisning til PPT med samtykke ved behov for spesialpedagogisk hjelp"
                ),
                "evaluation": (
                    "Evaluer sammen med foreldrene etter avtalt tid, for eksempel 6–8 uker. Har "
                    "barnet fått tryggere kontakt, mer lek og mer språk? Hvis ikke: drøft videre "
                    "tiltak og om andre tjenester bør kobles inn."
                ),
                "collaboration": (
                    "Samarbeider med foreldrene, helsestasjonen, PPT og barnevernet. Tverrfaglig "
                    "drøfting skjer etter kommunens BTI-rutine. Barnehagen kan drøfte bekymring "
                    "anonymt med barnevernet når personalet er usikre."
                ),
                "referral": (
                    "Med foreldrenes samtykke henviser barnehagen til PPT, og den anbefaler "
                    "foreldrene å kontakte helsestasjonen eller fastlegen ved bekymring for helse "
                    "og utvikling. Er det grunn til å tro at barnet blir mishandlet eller utsatt "
                    "for alvorlig omsorgssvikt, har hver ansatt selvstendig opplysningsplikt til "
                    "barnevernet."
                ),
            },
            "fastlege": {
                "role": (
                    "Fastlegen har ansvar for barnets helse ved sykdom og for foreldrenes helse – "
                    "ofte er det samme lege. Det gir en særlig mulighet til å se barnet i lys av "
                    "familiens situasjon, og fastlegen skal ivareta barn som pårørende når en "
                    "forelder har psykisk sykdom, rusproblemer eller alvorlig somatisk sykdom."
                ),
                "assessment": (
                    "- Somatisk undersøkelse: vekst, ernæring, hørsel, syn og nevrologisk "
                    "utvikling\n"
                    "- Vurder hyppige legebesøk, uforklarte skader og manglende oppfølging som "
                    "mulige tegn på belastning eller omsorgssvikt\n"
                    "- Kartlegg foreldrenes psykiske helse og rusbruk, og hvordan det påvirker "
                    "omsorgen\n"
                    "- Innhent opplysninger fra helsestasjonen med samtykke"
                ),
                "measures": (
                    "Behandle somatisk sykdom og følg opp foreldrenes helse, blant annet "
                    "behandling av fødselsdepresjon. Gi råd om søvn, gråt og spising. Snakk med "
                    "foreldrene om hva barnet trenger, og informer om tilbud i kommunen, som "
                    "foreldreveiledning og psykisk helsetjeneste."
                ),
                "evaluation": (
                    "Følg opp med ny konsultasjon etter avtalt tid. Sjekk at henvisninger er "
                    "mottatt og fulgt opp, og om familien har fått den hjelpen de trenger. Vurder "
                    "på nytt om det er grunnlag for melding til barnevernet."
                ),
                "collaboration": (
                    "Samarbeider med helsestasjonen, psykisk helsetjeneste, familieambulatoriet, "
                    "barnevernet og spesialisthelsetjenesten. Fastlegen kan delta i ansvarsgruppe "
                    "og er ofte den som skriver henvisninger på vegne av familien."
                ),
                "referral": (
                    "- Barneavdeling ved vekstavvik, spisevansker, avvik i utviklingen eller "
                    "mistanke om skade påført av andre\n"
                    "- BUP (sped- og småbarnsteam) ved alvorlige regulerings-, samspills- eller "
                    "tilknytningsvansker\n"
                    "- Familieambulatoriet ved rusmiddelbruk eller alvorlig psykisk lidelse hos "
                    "gravide eller foreldre\n"
                    "- DPS for foreldrenes egne lidelser, og melding til barnevernet ved alvorlig "
                    "bekymring"
                ),
            },
            "psykisk-helse-kommune": {
                "role": (
                    "Den kommunale psykiske helsetjenesten (familiesenter der det finnes) gir "
                    "lavterskelhjelp til familier med små barn, både når barnet strever og når "
                    "foreldrene har psykiske belastninger. Tjenesten kan komme inn tidlig, før "
                    "vanskene blir store, og uten henvisning fra lege."
                ),
                "assessment": (
                    "- Samtaler med foreldrene om barnets utvikling og om egen psykisk helse, søvn "
                    "og nettverk\n"
                    "- Observasjon av samspillet, gjerne med video når foreldrene samtykker\n"
                    "- Kartlegging av belastninger som vold, rus, økonomi og isolasjon\n"
                    "- Vurdering av hvilket hjelpenivå familien trenger"
                ),
                "measures": (
                    "- Samspillsveiledning, for eksempel Marte Meo, Trygghetssirkelen (COS) eller "
                    "ICDP\n"
                    "- Samtaler med foreldre om fødselsdepresjon, angst og stress\n"
                    "- Foreldregrupper og nettverksarbeid\n"
                    "- Koordinering når flere tjenester er involvert"
                ),
                "evaluation": (
                    "Sett mål sammen med foreldrene ved oppstart, og evaluer etter et avtalt "
                    "antall samtaler. Bruk gjerne enkle skjema for foreldrenes symptomer og "
                    "mestring i hverdagen, og se etter om samspillet endrer seg."
                ),
                "collaboration": (
                    "Samarbeider tett med helsestasjonen, fastlegen og barnehagen, og med "
                    "familieambulatoriet og BUP når vanskene er alvorlige. Hvordan tjenesten er "
                    "organisert, og hvilke inntaksrutiner den har, varierer mellom kommunene."
                ),
                "referral": (
                    "- Fastlegen for henvisning til BUP eller voksenpsykiatri\n"
                    "- Barnevernet ved bekymring for omsorgen; foreldrene bør som hovedregel få "
                    "vite at det sendes melding, med mindre det kan sette barnet i fare\n"
                    "- Inntak og kontaktpunkt: se lokal rutine"
                ),
            },
            "familieambulatorium": {
                "role": (
                    "Familieambulatoriet er et tverrfaglig tilbud i spesialisthelsetjenesten for "
                    "gravide og familier med små barn der foreldrene har rusmiddelproblemer eller "
                    "alvorlige psykiske vansker. Målet er å forebygge skade på fosteret og barnet "
                    "og styrke foreldrenes omsorgsevne, fra svangerskapet og gjennom de første "
                    "leveårene."
                ),
                "assessment": (
                    "- Utredning av den gravides eller foreldrenes rusmiddelbruk, psykiske helse "
                    "og livssituasjon\n"
                    "- Utviklingsvurdering av barn som har vært eksponert for rusmidler eller "
                    "legemidler i svangerskapet\n"
                    "- Observasjon av samspillet og vurdering av omsorgssituasjonen\n"
                    "- Kartlegging av nettverk og støtte"
                ),
                "measures": (
                    "- Tett oppfølging i svangerskapet sammen med jordmor og fastlege\n"
                    "- Samspillsbehandling og foreldreveiledning etter fødselen\n"
                    "- Behandling av, eller henvisning for, rusproblemer og psykiske lidelser hos "
                    "foreldrene\n"
                    "- Koordinering med kommunale tjenester og barnevernet"
                ),
                "evaluation": (
                    "Barnets utvikling følges med jevnlige kontroller. Tiltakene evalueres sammen "
                    "med foreldrene og kommunale samarbeidspartnere i ansvarsgruppen, med barnets "
                    "behov i sentrum."
                ),
                "collaboration": (
                    "Samarbeider med fastlege, jordmor, helsestasjon, barneavdeling, rusbehandling "
                    "(TSB) og barnevern. Når barnevernet er involvert, avklares roller og "
                    "informasjonsflyt, med foreldrenes samtykke der det er mulig."
                ),
                "referral": (
                    "Henvisning fra fastlege, jordmor eller annen lege; kriterier og aldersgrense "
                    "varierer mellom helseforetakene. Er det grunn til å tro at barnet vil bli "
                    "utsatt for alvorlig omsorgssvikt, sendes melding til barnevernet. Ved "
                    "avslutning overføres oppfølgingen til helsestasjonen og kommunen med en plan."
                ),
            },
            "barnevern": {
                "role": (
                    "Barnevernet skal sikre at små barn får forsvarlig omsorg. De minste er særlig "
                    "sårbare: de er helt avhengige av voksne og kan ikke si fra selv. Barnevernet "
                    "gir hjelpetiltak for å styrke omsorgen og kan gripe inn når barnet er i fare."
                ),
                "assessment": (
                    "- Barnevernet går gjennom meldingen innen én uke, og straks ved fare for "
                    "barnet\n"
                    "- Undersøkelse med hjemmebesøk, samtaler med foreldrene og observasjon av "
                    "samspillet\n"
                    "- Opplysninger fra helsestasjon, fastlege og barnehage\n"
                    "- Selv de minste barna skal bli sett og få behovene sine beskrevet; "
                    "observasjon av barnet er like viktig som samtalen med foreldrene"
                ),
                "measures": (
                    "- Foreldreveiledning i hjemmet, ofte i samarbeid med helsestasjonen eller "
                    "psykisk helsetjeneste\n"
                    "- Avlastning, dagtilbud eller barnehageplass\n"
                    "- Opphold ved et senter for foreldre og barn (via Bufetat) for utredning og "
                    "veiledning\n"
                    "- Akuttvedtak eller omsorgsovertakelse når hjelpetiltak ikke er nok"
                ),
                "evaluation": (
                    "Tiltaksplanen evalueres jevnlig, med tydelige mål for barnets omsorg og "
                    "utvikling. Hos små barn går utviklingen raskt, så evalueringene må komme tett "
                    "– å vente kan i seg selv være skadelig."
                ),
                "collaboration": (
                    "Samarbeider med helsestasjonen, barnehagen, familieambulatoriet, psykisk "
                    "helsetjeneste og BUP. Barnevernet gir råd og anonym drøfting til andre "
                    "tjenester. Ved bekymring i svangerskapet kan helsetjenesten drøfte saken med "
                    "barnevernet."
                ),
                "referral": (
                    "- BUP ved behov for spesialisert utredning av samspill og tilknytning\n"
                    "- Bufetat ved behov for senter for foreldre og barn, beredskapshjem eller "
                    "fosterhjem\n"
                    "- Politiet ved mistanke om vold eller overgrep\n"
                    "- Barnevernvakt og lokale kontaktpunkter: se lokal rutine"
                ),
            },
            "barneavdeling": {
                "role": (
                    "Barneavdelingen utreder og behandler somatisk sykdom hos sped- og småbarn, "
                    "blant annet vekstavvik, spisevansker, søvn- og gråteplager med mulig "
                    "medisinsk årsak og utviklingsforstyrrelser. Avdelingen følger også opp for "
                    "tidlig fødte barn og barn med medfødte tilstander, og har en viktig rolle ved "
                    "mistanke om påført skade."
                ),
                "assessment": (
                    "- Medisinsk utredning av vekst, ernæring og utvikling\n"
                    "- Vurdering av skader hos spedbarn etter faste prosedyrer ved mistanke om "
                    "mishandling\n"
                    "- Observasjon av mating og samspill under innleggelse\n"
                    "- Vurdering av barn som pårørende når foreldrene er syke"
                ),
                "measures": (
                    "Medisinsk behandling og ernæringsoppfølging. Veiledning til foreldrene om "
                    "mating, søvn og stell. Ved mistanke om påført skade: ivareta barnets "
                    "sikkerhet under innleggelsen, uten at foreldrene konfronteres med mistanken "
                    "før barnevernet og politiet er varslet."
                ),
                "evaluation": (
                    "Effekten vurderes med vekstkurver, utviklingskontroller og foreldrenes "
                    "erfaringer. Kontroller avtales etter behov, og epikrisen går til fastlegen "
                    "og, med samtykke, til helsestasjonen."
                ),
                "collaboration": (
                    "Samarbeider med fastlegen, helsestasjonen, BUP (gjerne barnepsykiatrisk "
                    "tilsyn under innleggelse), barnevernet og habiliteringstjenesten. "
                    "Barneansvarlig personell sørger for at behovene til barn av syke foreldre "
                    "blir ivaretatt."
                ),
                "referral": (
                    "- Melding til barnevernet og varsling av politiet ved mistanke om "
                    "mishandling\n"
                    "- Habiliteringstjenesten ved varige funksjonsnedsettelser\n"
                    "- BUP ved regulerings- og samspillsvansker uten somatisk forklaring\n"
                    "- Helsestasjonen for videre oppfølging i kommunen"
                ),
            },
            "bup": {
                "role": (
                    "BUP har et særlig ansvar for spesialisert utredning og behandling av sped- og "
                    "småbarn med psykiske vansker, ofte gjennom et eget sped- og småbarnsteam. Hos "
                    "de minste handler psykisk helse først og fremst om regulering, samspill og "
                    "tilknytning, og behandlingen skjer sammen med omsorgspersonene."
                ),
                "assessment": (
                    "- Grundig anamnese og observasjon av samspillet, gjerne med video og "
                    "strukturerte prosedyrer\n"
                    "- Vurdering av regulerings-, søvn- og spisevansker, tilknytning og avvik i "
                    "utviklingen\n"
                    "- Diagnostisk klassifisering tilpasset alder, for eksempel DC:0–5\n"
                    "- Kartlegging av foreldrenes psykiske helse og belastninger i familien"
                ),
                "measures": (
                    "- Foreldre–barn-behandling og videobasert samspillsbehandling\n"
                    "- Veiledning til barnehagen og kommunale tjenester\n"
                    "- Koordinering med voksenpsykiatrien når foreldrene selv får behandling\n"
                    "- Henvisning videre ved behov for utredning av utviklingsforstyrrelser"
                ),
                "evaluation": (
                    "Evaluer behandlingen jevnlig ut fra målene som er satt sammen med foreldrene, "
                    "med ny observasjon av samspillet og foreldrenes egen opplevelse. Ved "
                    "avslutning overføres oppfølgingen til helsestasjonen eller kommunens psykiske "
                    "helsetjeneste med en konkret plan."
                ),
                "collaboration": (
                    "Samarbeider med helsestasjonen, fastlegen, barnehagen, familieambulatoriet, "
                    "barnevernet og barneavdelingen. Sped- og småbarnsteamet tilbyr ofte "
                    "konsultasjon og drøfting til kommunale tjenester; hvordan dette er "
                    "organisert, avtales lokalt."
                ),
                "referral": (
                    "- Habiliteringstjenesten ved mistanke om autisme eller utviklingshemming hos "
                    "de yngste, etter lokal arbeidsdeling\n"
                    "- Melding til barnevernet ved grunn til å tro at barnet blir utsatt for "
                    "alvorlig omsorgssvikt\n"
                    "- Tilbake til kommunen med en plan når behandlingen avsluttes"
                ),
            },
        },
        "nn": {
            "helsestasjon": {
                "role": (
                    "Helsestasjonen møter nesten alle familiar med sped- og småbarn og har ei "
                    "nøkkelrolle når det gjeld å fange opp bekymring for utviklinga til barnet, "
                    "samspelet og omsorgssituasjonen. Jordmor og helsesjukepleiar følgjer familien "
                    "frå svangerskapet og heimebesøket til dei faste konsultasjonane. Terskelen "
                    "for å ta kontakt skal vere låg for foreldra."
                ),
                "assessment": (
                    "- Vekst, motorikk, språk og sosial utvikling ved dei faste konsultasjonane, "
                    "eventuelt med ASQ/ASQ:SE\n"
                    "- Samspelet mellom barnet og foreldra – observasjon i konsultasjonen og ved "
                    "heimebesøk\n"
                    "- Den psykiske helsa til foreldra, mellom anna screening for depresjon hos "
                    "mor (t.d. EPDS) og merksemd på far\n"
                    "- Rus, vald i nære relasjonar og andre belastningar i familien – spør "
                    "rutinemessig"
                ),
                "measures": (
                    "- Ekstra konsultasjonar og heimebesøk\n"
                    "- Foreldrerettleiing, til dømes ICDP eller andre rettleiingsprogram kommunen "
                    "tilbyr\n"
                    "- Råd om søvn, gråt og mating\n"
                    "- Tverrfagleg drøfting etter BTI-modellen i kommunen, med stafettlogg når "
                    "fleire tenester er inne"
                ),
                "evaluation": (
                    "Avtal eit tidspunkt for å vurdere om tiltaket har verka, gjerne etter 4–6 "
                    "veker. Bruk det foreldra fortel, eiga observasjon av samspelet og eventuelt "
                    "ny kartlegging. Varig bekymring skal føre til drøfting eller tilvising, ikkje "
                    "berre nye kontrollar."
                ),
                "collaboration": (
                    "Samarbeider med fastlegen, barnehagen, den psykiske helsetenesta, "
                    "familieambulatoriet og barnevernet. Overføringa frå svangerskapsomsorga bør "
                    "vere god. Med samtykke kan familien få eitt samla møte med fleire tenester i "
                    "staden for mange einskildavtalar."
                ),
                "referral": (
                    "- Helsestasjonslegen eller fastlegen tilviser til barneavdeling ved somatiske "
                    "avvik (vekst, motorikk, eting) og til BUP ved alvorlege regulerings- eller "
                    "samspelsvanskar\n"
                    "- Den psykiske helsetenesta i kommunen ved psykiske vanskar hos foreldra\n"
                    "- Melding til barnevernet ved grunn til å tru at barnet blir utsett for "
                    "alvorleg omsorgssvikt eller mishandling"
                ),
            },
            "barnehage": {
                "role": (
                    "For mange born under tre år er barnehagen den viktigaste arenaen utanfor "
                    "heimen. Personalet ser barnet dagleg og kan oppdage forseinka utvikling, "
                    "samspelsvanskar eller teikn på at barnet ikkje har det bra heime. Trygg "
                    "tilknyting til faste vaksne er ein føresetnad for at dei minste skal trivast."
                ),
                "assessment": (
                    "- Observer barnet systematisk over tid: kontakt, leik, språk, motorikk og "
                    "korleis barnet søkjer trøyst\n"
                    "- Legg merke til reaksjonar ved levering og henting\n"
                    "- Del observasjonane med foreldra tidleg, og høyr kva dei erfarer\n"
                    "- Dokumenter konkret, med dato og utan tolking"
                ),
                "measures": (
                    "- Fast primærkontakt og roleg tilvenning\n"
                    "- Ekstra støtte frå vaksne og språkstimulering i kvardagen\n"
                    "- Samtale med foreldra om kva dei ser heime, og kva som kan hjelpe\n"
                    "- Tilvising til PP-tenesta med samtykke ved behov for spesialpedagogisk hjelp"
                ),
                "evaluation": (
                    "Evaluer saman med foreldra etter avtalt tid, til dømes 6–8 veker. Har barnet "
                    "fått tryggare kontakt, meir leik og meir språk? Viss ikkje: drøft vidare "
                    "tiltak og om andre tenester bør koplast inn."
                ),
                "collaboration": (
                    "Samarbeider med foreldra, helsestasjonen, PP-tenesta og barnevernet. "
                    "Tverrfagleg drøfting skjer etter BTI-rutinen i kommunen. Barnehagen kan "
                    "drøfte bekymring anonymt med barnevernet når personalet er usikre."
                ),
                "referral": (
                    "Med samtykke frå foreldra tilviser barnehagen til PP-tenesta, og han rår "
                    "foreldra til å kontakte helsestasjonen eller fastlegen ved bekymring for "
                    "helse og utvikling. Er det grunn til å tru at barnet blir mishandla eller "
                    "utsett for alvorleg omsorgssvikt, har kvar tilsett sjølvstendig "
                    "opplysningsplikt til barnevernet."
                ),
            },
            "fastlege": {
                "role": (
                    "Fastlegen har ansvar for helsa til barnet ved sjukdom og for helsa til "
                    "foreldra – ofte er det same lege. Det gir ein særleg sjanse til å sjå barnet "
                    "i lys av situasjonen i familien, og fastlegen skal ta vare på born som "
                    "pårørande når ein forelder har psykisk sjukdom, rusproblem eller alvorleg "
                    "somatisk sjukdom."
                ),
                "assessment": (
                    "- Somatisk undersøking: vekst, ernæring, høyrsel, syn og nevrologisk "
                    "utvikling\n"
                    "- Vurder hyppige legebesøk, uforklarte skadar og manglande oppfølging som "
                    "moglege teikn på belastning eller omsorgssvikt\n"
                    "- Kartlegg den psykiske helsa og rusbruken til foreldra, og korleis det "
                    "påverkar omsorga\n"
                    "- Hent inn opplysningar frå helsestasjonen med samtykke"
                ),
                "measures": (
                    "Behandle somatisk sjukdom og følg opp helsa til foreldra, mellom anna "
                    "behandling av fødselsdepresjon. Gi råd om søvn, gråt og eting. Snakk med "
                    "foreldra om kva barnet treng, og informer om tilbod i kommunen, som "
                    "foreldrerettleiing og psykisk helseteneste."
                ),
                "evaluation": (
                    "Følg opp med ny konsultasjon etter avtalt tid. Sjekk at tilvisingar er "
                    "mottekne og følgde opp, og om familien har fått den hjelpa dei treng. Vurder "
                    "på nytt om det er grunnlag for melding til barnevernet."
                ),
                "collaboration": (
                    "Samarbeider med helsestasjonen, den psykiske helsetenesta, "
                    "familieambulatoriet, barnevernet og spesialisthelsetenesta. Fastlegen kan "
                    "delta i ansvarsgruppe og er ofte den som skriv tilvisingar på vegner av "
                    "familien."
                ),
                "referral": (
                    "- Barneavdeling ved vekstavvik, etevanskar, avvik i utviklinga eller mistanke "
                    "om skade påført av andre\n"
                    "- BUP (sped- og småbarnsteam) ved alvorlege regulerings-, samspels- eller "
                    "tilknytingsvanskar\n"
                    "- Familieambulatoriet ved rusmiddelbruk eller alvorleg psykisk liding hos "
                    "gravide eller foreldre\n"
                    "- DPS for lidingane til foreldra sjølve, og melding til barnevernet ved "
                    "alvorleg bekymring"
                ),
            },
            "psykisk-helse-kommune": {
                "role": (
                    "Den kommunale psykiske helsetenesta (familiesenter der det finst) gir "
                    "lågterskelhjelp til familiar med små born, både når barnet strevar og når "
                    "foreldra har psykiske belastningar. Tenesta kan kome inn tidleg, før vanskane "
                    "blir store, og utan tilvising frå lege."
                ),
                "assessment": (
                    "- Samtalar med foreldra om utviklinga til barnet og om eiga psykisk helse, "
                    "søvn og nettverk\n"
                    "- Observasjon av samspelet, gjerne med video når foreldra samtykkjer\n"
                    "- Kartlegging av belastningar som vald, rus, økonomi og isolasjon\n"
                    "- Vurdering av kva hjelpenivå familien treng"
                ),
                "measures": (
                    "- Samspelsrettleiing, til dømes Marte Meo, Trygghetssirkelen (COS) eller "
                    "ICDP\n"
                    "- Samtalar med foreldre om fødselsdepresjon, angst og stress\n"
                    "- Foreldregrupper og nettverksarbeid\n"
                    "- Koordinering når fleire tenester er involverte"
                ),
                "evaluation": (
                    "Set mål saman med foreldra ved oppstart, og evaluer etter eit avtalt tal "
                    "samtalar. Bruk gjerne enkle skjema for symptoma til foreldra og korleis dei "
                    "meistrar kvardagen, og sjå etter om samspelet endrar seg."
                ),
                "collaboration": (
                    "Samarbeider tett med helsestasjonen, fastlegen og barnehagen, og med "
                    "familieambulatoriet og BUP når vanskane er alvorlege. Korleis tenesta er "
                    "organisert, og kva inntaksrutinar ho har, varierer mellom kommunane."
                ),
                "referral": (
                    "- Fastlegen for tilvising til BUP eller vaksenpsykiatri\n"
                    "- Barnevernet ved bekymring for omsorga; foreldra bør som hovudregel få vite "
                    "at det blir sendt melding, med mindre det kan setje barnet i fare\n"
                    "- Inntak og kontaktpunkt: sjå lokal rutine"
                ),
            },
            "familieambulatorium": {
                "role": (
                    "Familieambulatoriet er eit tverrfagleg tilbod i spesialisthelsetenesta for "
                    "gravide og familiar med små born der foreldra har rusmiddelproblem eller "
                    "alvorlege psykiske vanskar. Målet er å førebyggje skade på fosteret og barnet "
                    "og styrkje omsorgsevna til foreldra, frå svangerskapet og gjennom dei første "
                    "leveåra."
                ),
                "assessment": (
                    "- Utgreiing av rusmiddelbruken, den psykiske helsa og livssituasjonen til den "
                    "gravide eller foreldra\n"
                    "- Utviklingsvurdering av born som har vore eksponerte for rusmiddel eller "
                    "legemiddel i svangerskapet\n"
                    "- Observasjon av samspelet og vurdering av omsorgssituasjonen\n"
                    "- Kartlegging av nettverk og støtte"
                ),
                "measures": (
                    "- Tett oppfølging i svangerskapet saman med jordmor og fastlege\n"
                    "- Samspelsbehandling og foreldrerettleiing etter fødselen\n"
                    "- Behandling av, eller tilvising for, rusproblem og psykiske lidingar hos "
                    "foreldra\n"
                    "- Koordinering med kommunale tenester og barnevernet"
                ),
                "evaluation": (
                    "Utviklinga til barnet blir følgd med jamlege kontrollar. Tiltaka blir "
                    "evaluerte saman med foreldra og kommunale samarbeidspartnarar i "
                    "ansvarsgruppa, med behova til barnet i sentrum."
                ),
                "collaboration": (
                    "Samarbeider med fastlege, jordmor, helsestasjon, barneavdeling, rusbehandling "
                    "(TSB) og barnevern. Når barnevernet er involvert, blir roller og "
                    "informasjonsflyt avklara, med samtykke frå foreldra der det er mogleg."
                ),
                "referral": (
                    "Tilvising frå fastlege, jordmor eller annan lege; kriterium og aldersgrense "
                    "varierer mellom helseføretaka. Er det grunn til å tru at barnet vil bli "
                    "utsett for alvorleg omsorgssvikt, skal det sendast melding til barnevernet. "
                    "Ved avslutning blir oppfølginga overført til helsestasjonen og kommunen med "
                    "ein plan."
                ),
            },
            "barnevern": {
                "role": (
                    "Barnevernet skal sikre at små born får forsvarleg omsorg. Dei minste er "
                    "særleg sårbare: dei er heilt avhengige av vaksne og kan ikkje seie frå "
                    "sjølve. Barnevernet gir hjelpetiltak for å styrkje omsorga og kan gripe inn "
                    "når barnet er i fare."
                ),
                "assessment": (
                    "- Barnevernet går gjennom meldinga innan ei veke, og straks ved fare for "
                    "barnet\n"
                    "- Undersøking med heimebesøk, samtalar med foreldra og observasjon av "
                    "samspelet\n"
                    "- Opplysningar frå helsestasjon, fastlege og barnehage\n"
                    "- Sjølv dei minste borna skal bli sette og få behova sine skildra; "
                    "observasjon av barnet er like viktig som samtalen med foreldra"
                ),
                "measures": (
                    "- Foreldrerettleiing i heimen, ofte i samarbeid med helsestasjonen eller den "
                    "psykiske helsetenesta\n"
                    "- Avlasting, dagtilbod eller barnehageplass\n"
                    "- Opphald ved eit senter for foreldre og barn (via Bufetat) for utgreiing og "
                    "rettleiing\n"
                    "- Akuttvedtak eller omsorgsovertaking når hjelpetiltak ikkje er nok"
                ),
                "evaluation": (
                    "Tiltaksplanen blir evaluert jamleg, med tydelege mål for omsorga og "
                    "utviklinga til barnet. Hos små born går utviklinga fort, så evalueringane må "
                    "kome tett – å vente kan i seg sjølv vere skadeleg."
                ),
                "collaboration": (
                    "Samarbeider med helsestasjonen, barnehagen, familieambulatoriet, den psykiske "
                    "helsetenesta og BUP. Barnevernet gir råd og anonym drøfting til andre "
                    "tenester. Ved bekymring i svangerskapet kan helsetenesta drøfte saka med "
                    "barnevernet."
                ),
                "referral": (
                    "- BUP ved behov for spesialisert utgreiing av samspel og tilknyting\n"
                    "- Bufetat ved behov for senter for foreldre og barn, beredskapsheim eller "
                    "fosterheim\n"
                    "- Politiet ved mistanke om vald eller overgrep\n"
                    "- Barnevernvakt og lokale kontaktpunkt: sjå lokal rutine"
                ),
            },
            "barneavdeling": {
                "role": (
                    "Barneavdelinga greier ut og behandlar somatisk sjukdom hos sped- og småbarn, "
                    "mellom anna vekstavvik, etevanskar, søvn- og gråteplager med mogleg medisinsk "
                    "årsak og utviklingsforstyrringar. Avdelinga følgjer òg opp for tidleg fødde "
                    "born og born med medfødde tilstandar, og har ei viktig rolle ved mistanke om "
                    "påført skade."
                ),
                "assessment": (
                    "- Medisinsk utgreiing av vekst, ernæring og utvikling\n"
                    "- Vurdering av skadar hos spedborn etter faste prosedyrar ved mistanke om "
                    "mishandling\n"
                    "- Observasjon av mating og samspel under innlegging\n"
                    "- Vurdering av born som pårørande når foreldra er sjuke"
                ),
                "measures": (
                    "Medisinsk behandling og oppfølging av ernæringa. Rettleiing til foreldra om "
                    "mating, søvn og stell. Ved mistanke om påført skade: ta vare på tryggleiken "
                    "til barnet under innlegginga, utan at foreldra blir konfronterte med "
                    "mistanken før barnevernet og politiet er varsla."
                ),
                "evaluation": (
                    "Effekten blir vurdert med vekstkurver, utviklingskontrollar og erfaringane "
                    "til foreldra. Kontrollar blir avtalte etter behov, og epikrisa går til "
                    "fastlegen og, med samtykke, til helsestasjonen."
                ),
                "collaboration": (
                    "Samarbeider med fastlegen, helsestasjonen, BUP (gjerne barnepsykiatrisk "
                    "tilsyn under innlegging), barnevernet og habiliteringstenesta. Barneansvarleg "
                    "personell sørgjer for at behova til born av sjuke foreldre blir tekne vare på."
                ),
                "referral": (
                    "- Melding til barnevernet og varsling av politiet ved mistanke om "
                    "mishandling\n"
                    "- Habiliteringstenesta ved varige funksjonsnedsetjingar\n"
                    "- BUP ved regulerings- og samspelsvanskar utan somatisk forklaring\n"
                    "- Helsestasjonen for vidare oppfølging i kommunen"
                ),
            },
            "bup": {
                "role": (
                    "BUP har eit særleg ansvar for spesialisert utgreiing og behandling av sped- "
                    "og småbarn med psykiske vanskar, ofte gjennom eit eige sped- og småbarnsteam. "
                    "Hos dei minste handlar psykisk helse først og fremst om regulering, samspel "
                    "og tilknyting, og behandlinga skjer saman med omsorgspersonane."
                ),
                "assessment": (
                    "- Grundig anamnese og observasjon av samspelet, gjerne med video og "
                    "strukturerte prosedyrar\n"
                    "- Vurdering av regulerings-, søvn- og etevanskar, tilknyting og avvik i "
                    "utviklinga\n"
                    "- Diagnostisk klassifisering tilpassa alderen, til dømes DC:0–5\n"
                    "- Kartlegging av den psykiske helsa til foreldra og belastningane i familien"
                ),
                "measures": (
                    "- Foreldre–barn-behandling og videobasert samspelsbehandling\n"
                    "- Rettleiing til barnehagen og kommunale tenester\n"
                    "- Koordinering med vaksenpsykiatrien når foreldra sjølve får behandling\n"
                    "- Tilvising vidare ved behov for utgreiing av utviklingsforstyrringar"
                ),
                "evaluation": (
                    "Evaluer behandlinga jamleg ut frå måla som er sette saman med foreldra, med "
                    "ny observasjon av samspelet og det foreldra sjølve opplever. Ved avslutning "
                    "blir oppfølginga overført til helsestasjonen eller den kommunale psykiske "
                    "helsetenesta med ein konkret plan."
                ),
                "collaboration": (
                    "Samarbeider med helsestasjonen, fastlegen, barnehagen, familieambulatoriet, "
                    "barnevernet og barneavdelinga. Sped- og småbarnsteamet tilbyr ofte "
                    "konsultasjon og drøfting til kommunale tenester; korleis dette er organisert, "
                    "blir avtalt lokalt."
                ),
                "referral": (
                    "- Habiliteringstenesta ved mistanke om autisme eller utviklingshemming hos "
                    "dei yngste, etter lokal arbeidsdeling\n"
                    "- Melding til barnevernet ved grunn til å tru at barnet blir utsett for "
                    "alvorleg omsorgssvikt\n"
                    "- Tilbake til kommunen med ein plan når behandlinga blir avslutta"
                ),
            },
        },
    },
    "needs_local_adaptation": [
        ("helsestasjon", "collaboration"),
        ("psykisk-helse-kommune", "referral"),
        ("familieambulatorium", "referral"),
        ("bup", "collaboration"),
    ],
}
