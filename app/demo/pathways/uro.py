# ruff: noqa: E501
"""Demo pathway: oppmerksomhetsvansker og uro (bokmål)."""

PATHWAY = {
    "slug": "oppmerksomhetsvansker-og-uro",
    "title": "Oppmerksomhetsvansker og uro",
    "title_nn": "Merksemdsvanskar og uro",
    "summary": "Forløp for barn og unge med konsentrasjonsvansker, motorisk uro eller impulsivitet som skaper problemer hjemme, i barnehagen eller på skolen. Forløpet legger vekt på tiltak i hverdagen før og under en eventuell utredning for ADHD.",
    "target_group": "Barn og unge 3–18 år med oppmerksomhetsvansker, uro eller impulsivitet, og foreldrene deres.",
    "summary_nn": (
        "Forløp for born og unge med konsentrasjonsvanskar, motorisk uro eller impulsivitet som "
        "skaper problem heime, i barnehagen eller på skulen. Forløpet legg vekt på tiltak i "
        "kvardagen før og under ei eventuell utgreiing for ADHD."
    ),
    "target_group_nn": (
        "Born og unge 3–18 år med merksemdsvanskar, uro eller impulsivitet, og foreldra deira."
    ),
    "status": "published",
    "service_types": [
        "barnehage",
        "skole",
        "helsestasjon",
        "ppt",
        "fastlege",
        "psykisk-helse-kommune",
        "bup",
    ],
    "texts": {
        "nb": {
            "barnehage": {
                "role": "Barnehagen ser barnet i lek, samling og overganger gjennom hele dagen. Ansatte kan merke at barnet har vansker med å vente på tur, holde seg i ro eller følge beskjeder, sammenlignet med jevnaldrende. Barnehagen skal tilpasse hverdagen, ikke vente på en diagnose.",
                "assessment": "Pedagogisk leder gjør systematiske observasjoner i ulike situasjoner over noen uker og noterer hva som utløser uroen og hva som hjelper. Snakk med foreldrene om hvordan barnet har det hjemme, og om søvn, hørsel og syn er sjekket.",
                "measures": "Gode grep i barnehagen:\n\n- forutsigbar dagsrytme med bilder som viser hva som skjer\n- korte, tydelige beskjeder og ros når det går bra\n- en fast voksen i overgangene\n- mindre grupper i krevende aktiviteter",
                "evaluation": "Tiltakene evalueres etter seks til åtte uker sammen med foreldrene, med utgangspunkt i de samme observasjonene som før. Hvis barnet fortsatt strever mye, drøftes saken med PPT og helsestasjonen.",
                "collaboration": "Barnehagen samarbeider med foreldrene og helsestasjonen, og med PPT når barnet kan ha behov for spesialpedagogisk hjelp. Med samtykke kan saken drøftes i kommunens tverrfaglige team. Stafettloggen viser hva som er prøvd.",
                "referral": "Ved vedvarende vansker henviser barnehagen til PPT, med samtykke fra foreldrene. Foreldrene oppfordres til å ta opp bekymringen med helsestasjonen eller fastlegen. Ved bekymring for omsorgen gjelder **opplysningsplikten til barnevernet**.",
            },
            "skole": {
                "role": "Skolen ser eleven i ulike fag og situasjoner og merker uro, glemsomhet og konflikter i friminuttene. Skolen har ansvar for tilpasset opplæring og et godt læringsmiljø for alle elever, med eller uten diagnose.",
                "assessment": "Kontaktlærer beskriver når og hvor vanskene viser seg, og hvordan eleven mestrer faglig og sosialt. Innhent lærernes observasjoner fra flere fag. Vurder om lesevansker, språkvansker eller problemer i klassemiljøet kan forklare noe av uroen.",
                "measures": "Skolen prøver ut tilpasninger og skriver dem ned:\n\n- fast plass med lite forstyrrelser og en tydelig dagsplan\n- oppgaver delt i korte økter med pauser og bevegelse\n- hjelp til å komme i gang og til å rydde\n- tett kontakt med hjemmet om det som går bra",
                "evaluation": "Kontaktlærer evaluerer tiltakene sammen med eleven og foreldrene etter seks til åtte uker. Når eleven er i utredning eller behandling, fyller lærerne ut skåringsskjema ved oppstart og ved endringer i behandlingen.",
                "collaboration": "Skolen samarbeider med foreldrene, skolehelsetjenesten og PPT, og med BUP under utredning når foreldrene samtykker. Gode overganger mellom barnehage og skole og mellom skoletrinn planlegges i god tid.",
                "referral": "Når tilpasset opplæring ikke er nok, henviser skolen eleven til PPT med samtykke fra foreldrene. Skolen oppfordrer foreldrene til å ta opp helsespørsmål med fastlegen, som henviser til BUP ved behov for utredning.",
            },
            "helsestasjon": {
                "role": "Helsestasjonen møter barnet og foreldrene jevnlig og kan fange opp uro og reguleringsvansker tidlig. Skolehelsetjenesten er et tilgjengelig sted for elever og foreldre som lurer på om vanskene er mer enn vanlig.",
                "assessment": "Helsesykepleier undersøker forhold som kan gi uro og konsentrasjonsvansker: søvn, hørsel, syn, kosthold, skjermbruk og belastninger i familien. Hør hva barnet selv synes er vanskelig, og hva foreldrene har prøvd.",
                "measures": "Gi foreldrene råd om søvnrutiner, struktur og positiv samhandling, og informer om foreldreveiledningskurs i kommunen. Støttesamtaler med barnet kan hjelpe det å forstå seg selv og bygge mestring.",
                "evaluation": "Avtal oppfølging etter to til tre måneder og spør om rådene har gjort hverdagen lettere. Er vanskene like store, og gjelder de flere arenaer, drøftes videre utredning med foreldrene.",
                "collaboration": "Helsesykepleier samarbeider med barnehage eller skole og med fastlegen, med samtykke. I det tverrfaglige teamet kan helsesykepleier bidra med opplysninger om helse og utvikling.",
                "referral": "Ved mistanke om ADHD eller andre utviklingsforstyrrelser anbefales foreldrene å kontakte fastlegen for henvisning til BUP. Ved behov for foreldreveiledning henvises familien til kommunens psykiske helsetjeneste eller familiesenter.",
            },
            "ppt": {
                "role": "PPT er sakkyndig instans for barnehage og skole og hjelper barnehagen og skolen med å tilpasse tilbudet. PPT vurderer også om barnets vansker kan ha sammenheng med lærevansker, språkvansker eller andre forhold i læringsmiljøet.",
                "assessment": "PPT kartlegger barnets kognitive forutsetninger, språk og læring, og observerer barnet i barnehagen eller klassen. Kartleggingen gir viktige opplysninger dersom barnet senere henvises til BUP.",
                "measures": "PPT gir råd og veiledning til ansatte om struktur, klasseledelse og tilpasninger, og skriver sakkyndig vurdering når barnet kan ha rett til spesialpedagogisk hjelp eller spesialundervisning.",
                "evaluation": "PPT følger opp at tiltakene i den sakkyndige vurderingen gjennomføres, og deltar i evalueringsmøter med barnehagen eller skolen og foreldrene minst en gang i året.",
                "collaboration": "PPT samarbeider med barnehage, skole, helsestasjon og BUP, og deltar ofte i ansvarsgruppen. Rapporter fra PPT sendes med når foreldrene samtykker til at BUP får dem.",
                "referral": "Ved mistanke om ADHD eller annen nevroutviklingsforstyrrelse anbefaler PPT foreldrene å gå til fastlegen for henvisning til BUP, og legger ved sin rapport. PPT kan også henvise direkte der det er lokal avtale om det.",
            },
            "fastlege": {
                "role": "Fastlegen vurderer om uroen kan ha medisinske årsaker, henviser til utredning i BUP og har ofte ansvaret for oppfølging av medisinsk behandling etter at spesialisthelsetjenesten har startet den.",
                "assessment": "Undersøk hørsel, syn og generell helse, og spør om søvn, snorking, kosthold og eventuelle anfall. Vurder om belastninger i familien eller traumer kan gi uro. Innhent opplysninger fra barnehage eller skole og PPT når foreldrene samtykker.",
                "measures": "Forklar foreldrene hva man vet om oppmerksomhetsvansker, og gi råd om søvn, fysisk aktivitet og struktur. Er barnet i behandling med legemidler, følger fastlegen opp vekt, blodtrykk, puls og bivirkninger etter avtale med BUP.",
                "evaluation": "Ved medisinsk behandling følger fastlegen opp effekt og bivirkninger jevnlig og innhenter vurderinger fra foreldre og skole. Manglende effekt eller plagsomme bivirkninger tas opp med BUP.",
                "collaboration": "Fastlegen samarbeider med BUP om ansvarsfordelingen for legemiddelbehandlingen, og med helsesykepleier og skole om tiltak i hverdagen. Avtaler om hvem som gjør hva skrives ned.",
                "referral": "Fastlegen henviser til BUP når vanskene er store, gjelder flere arenaer og ikke bedres av tiltak i barnehage, skole og hjem. Legg ved eller vis til rapporter fra PPT og beskriv tiltakene som er prøvd.",
            },
            "psykisk-helse-kommune": {
                "role": "Den kommunale psykiske helsetjenesten tilbyr foreldreveiledning og samtaler når uro og konflikter preger familien. Tjenesten kan hjelpe uavhengig av om barnet har en diagnose.",
                "assessment": "Tjenesten kartlegger samspillet i familien, hvordan konflikter løses, og hvordan barnet har det med venner og på skolen. Vurder om uroen kan henge sammen med angst, traumer eller belastninger hjemme.",
                "measures": "Kunnskapsbaserte foreldreprogram, individuelt eller i gruppe, gir foreldrene verktøy for positiv samhandling, tydelige grenser og gode rutiner. Barnet kan få samtaler om mestring og følelser.",
                "evaluation": "Foreldrene og tjenesten vurderer underveis om konfliktene hjemme er blitt færre og om hverdagen fungerer bedre. Evalueringen gjøres med enkle skjema ved oppstart og avslutning.",
                "collaboration": "Tjenesten samarbeider med barnehage, skole, PPT og helsestasjon, og med BUP når barnet er i utredning eller behandling. Ved behov for langvarige og koordinerte tjenester tilbys individuell plan.",
                "referral": "Ved mistanke om ADHD eller andre psykiske lidelser anbefales foreldrene å kontakte fastlegen for henvisning til BUP. Ved alvorlige konflikter eller bekymring for omsorgen vurderes kontakt med barnevernet.",
            },
            "bup": {
                "role": "BUP utreder barn og unge for ADHD og andre nevroutviklingsforstyrrelser og gir behandling når det trengs. Utredning og behandling følger den nasjonale faglige retningslinjen for ADHD og pakkeforløpet for psykisk helse og rus.",
                "assessment": "Utredningen omfatter utviklingshistorie, samtaler med barnet og foreldrene, skåringsskjema fra foreldre og lærere, observasjon og ofte testing. Det vurderes om andre tilstander, som angst, lærevansker eller autisme, forklarer vanskene bedre eller kommer i tillegg.",
                "measures": "Behandlingen er alltid mer enn legemidler: psykoedukasjon for barnet og familien, foreldreveiledning og råd til barnehage eller skole. Legemidler vurderes ved ADHD når andre tiltak ikke er tilstrekkelige, og følges opp nøye.",
                "evaluation": "Effekten vurderes med skåringsskjema fra hjem og skole før og etter oppstart av behandling, og i evalueringssamtaler med barnet og foreldrene. Legemiddelbehandlingen vurderes på nytt minst en gang i året.",
                "collaboration": "BUP samarbeider med foreldrene, barnehage eller skole og PPT om tiltak i hverdagen, og med fastlegen om oppfølgingen av legemiddelbehandlingen. Et felles møte etter utredningen sikrer at alle vet hva som er funnet og avtalt.",
                "referral": "Ved avslutning overføres oppfølgingen til fastlegen og kommunen med en skriftlig plan. Ved behov for habilitering eller utredning av andre utviklingsforstyrrelser henviser BUP videre til habiliteringstjenesten.",
            },
        },
    },
    "needs_local_adaptation": [
        ("ppt", "referral"),
        ("psykisk-helse-kommune", "measures"),
        ("bup", "referral"),
    ],
}
