"""Demo pathway: autismespekterforstyrrelser (bokmål)."""

PATHWAY = {
    "slug": "autismespekterforstyrrelser",
    "title": "Autismespekterforstyrrelser",
    "title_nn": "Autismespekterforstyrringar",
    "summary": (
        "Forløpet beskriver hvordan tjenestene samarbeider når det er mistanke om eller påvist "
        "autismespekterforstyrrelse hos barn og unge: fra tidlig oppdagelse i helsestasjon og "
        "barnehage, via utredning i spesialisthelsetjenesten, til tilrettelegging og oppfølging i "
        "hverdagen."
    ),
    "target_group": (
        "Barn og unge 0–18 år med mistanke om eller påvist autismespekterforstyrrelse, og "
        "familiene deres"
    ),
    "summary_nn": (
        "Forløpet skildrar korleis tenestene samarbeider når det er mistanke om eller påvist "
        "autismespekterforstyrring hos born og unge: frå tidleg oppdaging på helsestasjonen og "
        "i barnehagen, via utgreiing i spesialisthelsetenesta, til tilrettelegging og "
        "oppfølging i kvardagen."
    ),
    "target_group_nn": (
        "Born og unge 0–18 år med mistanke om eller påvist autismespekterforstyrring, og "
        "familiane deira"
    ),
    "status": "published",
    "service_types": [
        "helsestasjon",
        "barnehage",
        "fastlege",
        "ppt",
        "skole",
        "habilitering",
        "bup",
        "brukerorganisasjon",
    ],
    "texts": {
        "nb": {
            "helsestasjon": {
                "role": (
                    "Helsestasjonen følger alle barn fra fødselen og er ofte den første tjenesten "
                    "som ser tegn på avvikende sosial kommunikasjon og språkutvikling. "
                    "Helsesykepleier og helsestasjonslege skal fange opp bekymring tidlig, lytte "
                    "til foreldrenes egne observasjoner og sørge for at barnet blir vurdert videre "
                    "– uten å vente på at «det går seg til». I skolealder følger "
                    "skolehelsetjenesten opp elever med kjent diagnose."
                ),
                "assessment": (
                    "- Systematisk utviklingsoppfølging ved de faste konsultasjonene, med vekt på "
                    "blikkontakt, felles oppmerksomhet, peking, respons på navn og lek\n"
                    "- Strukturert screening ved behov, for eksempel ASQ/ASQ:SE eller M-CHAT-R/F "
                    "rundt 18 måneder\n"
                    "- Hørselsvurdering, og henvisning til hørselsundersøkelse ved forsinket "
                    "språk\n"
                    "- Foreldrenes bekymring tas på alvor – den er i seg selv et viktig funn"
                ),
                "measures": (
                    "Gi foreldrene konkrete råd om samspill og språkstimulering i hverdagen, og "
                    "avtal tett oppfølging med ekstra konsultasjoner i stedet for å vente til "
                    "neste faste kontroll. Med foreldrenes samtykke kan helsestasjonen innhente "
                    "barnehagens observasjoner. Ved fortsatt bekymring tilbys tverrfaglig drøfting "
                    "etter kommunens BTI-modell."
                ),
                "evaluation": (
                    "Følg opp barnet etter 4–8 uker: Har foreldrene og barnehagen sett endring i "
                    "kontakt, språk og lek? Var screeningen positiv eller bekymringen består, skal "
                    "barnet henvises videre – en avventende holdning forsinker ofte utredning og "
                    "tiltak unødig."
                ),
                "collaboration": (
                    "Samarbeider med foreldre, barnehage, fastlege og PPT. Etter diagnose er "
                    "helsestasjonen en viktig støtte for foreldrene og kan delta i ansvarsgruppe, "
                    "særlig for de yngste barna. Helsesykepleier kan også informere om "
                    "foreldrekurs og brukerorganisasjoner."
                ),
                "referral": (
                    "Helsestasjonslegen eller fastlegen henviser til spesialisthelsetjenesten "
                    "(habiliteringstjenesten eller BUP etter lokal arbeidsdeling). Ved mulig behov "
                    "for spesialpedagogisk hjelp i barnehagen henvises det til PPT med foreldrenes "
                    "samtykke. Henvisning til hørselsutredning bør ikke vente på annen utredning."
                ),
            },
            "barnehage": {
                "role": (
                    "Barnehagen ser barnet i lek og samspill med andre barn hver dag og har et "
                    "godt grunnlag for å beskrive barnets sosiale kommunikasjon, språk og "
                    "fleksibilitet. Personalet skal dele observasjoner med foreldrene tidlig og "
                    "legge til rette for at barnet trives og utvikler seg – også før en eventuell "
                    "diagnose er stilt."
                ),
                "assessment": (
                    "- Systematiske observasjoner over tid i ulike situasjoner: frilek, samling, "
                    "overganger og måltider\n"
                    "- Beskriv hva barnet mestrer, ikke bare det som er vanskelig\n"
                    "- Legg merke til sansereaksjoner (lyd, lys, berøring, mat), behov for rutiner "
                    "og reaksjoner på endringer\n"
                    "- Språkkartlegging ved behov, og foreldrenes beskrivelse av barnet hjemme"
                ),
                "measures": (
                    "- Forutsigbar dag med visuell dagsplan og tydelige overganger\n"
                    "- Voksenstøtte i lek og samspill med andre barn, gjerne i små grupper\n"
                    "- Skjerming og pauser ved sansemessig overbelastning\n"
                    "- Henvisning til PPT når barnet kan ha behov for spesialpedagogisk hjelp – "
                    "tilretteleggingen starter likevel med det barnehagen selv kan gjøre"
                ),
                "evaluation": (
                    "Evaluer tilretteleggingen sammen med foreldrene jevnlig, for eksempel hver "
                    "6.–8. uke i starten. Ved spesialpedagogisk hjelp etter vedtak følges målene "
                    "opp og evalueres etter planen, minst årlig. Se etter om barnet deltar mer i "
                    "lek, uttrykker egne behov og håndterer overganger bedre."
                ),
                "collaboration": (
                    "Barnehagen samarbeider tett med foreldrene, PPT og helsestasjonen, og deltar "
                    "i ansvarsgruppe der det er etablert. Under utredning i "
                    "spesialisthelsetjenesten bidrar barnehagen med observasjoner og spørreskjema. "
                    "Overgangen til skole planlegges i god tid, gjerne et år før skolestart, "
                    "sammen med skole og PPT."
                ),
                "referral": (
                    "Med foreldrenes samtykke henviser barnehagen til PPT for sakkyndig vurdering "
                    "av behovet for spesialpedagogisk hjelp. Ved bekymring for barnets utvikling "
                    "anbefaler barnehagen foreldrene å kontakte helsestasjonen eller fastlegen, "
                    "som kan henvise til spesialisthelsetjenesten."
                ),
            },
            "fastlege": {
                "role": (
                    "Fastlegen vurderer barnets helse samlet, utelukker medisinske forklaringer og "
                    "henviser til spesialisthelsetjenesten for utredning. Fastlegen har også et "
                    "langsiktig ansvar for den somatiske helsen til barn med autisme, som oftere "
                    "enn andre har søvnvansker, mage-tarmplager, epilepsi og spisevansker."
                ),
                "assessment": (
                    "- Utviklingsanamnese og foreldrenes bekymring\n"
                    "- Somatisk undersøkelse, inkludert vekst, hodeomkrets og tegn på syndromer\n"
                    "- Sikre at hørsel og syn er undersøkt\n"
                    "- Spør etter søvn, spising, mage og anfall\n"
                    "- Innhent opplysninger fra helsestasjon og barnehage/skole med samtykke"
                ),
                "measures": (
                    "Gi foreldrene informasjon om det videre forløpet og hvor de finner pålitelig "
                    "kunnskap, for eksempel på https://www.helsenorge.no. Behandle samtidige "
                    "somatiske plager og søvnvansker. Informer om retten til individuell plan og "
                    "koordinator, og om at kommunen kan tilby avlastning og andre tjenester."
                ),
                "evaluation": (
                    "Følg med på at henvisningen er mottatt og at barnet får time innen fristen. "
                    "Etter diagnose: regelmessig kontroll av somatisk helse, søvn og eventuelle "
                    "medisiner – og spør hvordan familien har det."
                ),
                "collaboration": (
                    "Samarbeider med helsestasjonen, spesialisthelsetjenesten og kommunens "
                    "koordinerende enhet, og deltar i ansvarsgruppe ved behov. Fastlegen er ofte "
                    "den som følger opp videre somatiske undersøkelser, som EEG eller genetisk "
                    "utredning, når spesialisthelsetjenesten anbefaler det."
                ),
                "referral": (
                    "Henvis til habiliteringstjenesten for barn og unge eller til BUP. Beskriv "
                    "bekymringen konkret: utviklingshistorie, observasjoner fra barnehage/skole, "
                    "hørsel og syn, og legg ved eventuell rapport fra PPT. Ved mistanke om "
                    "utviklingshemming og hos de yngste barna går henvisningen ofte til "
                    "habiliteringstjenesten; fordelingen mellom tjenestene følger lokal avtale."
                ),
            },
            "ppt": {
                "role": (
                    "PPT vurderer barnets behov for spesialpedagogisk hjelp i barnehagen eller "
                    "individuelt tilrettelagt opplæring i skolen, og skriver sakkyndig vurdering. "
                    "PPT hjelper også barnehager og skoler med kompetanse- og "
                    "organisasjonsutvikling, slik at tilretteleggingen kommer flere barn til gode."
                ),
                "assessment": (
                    "- Observasjon av barnet i barnehagen eller klassen\n"
                    "- Kognitiv og språklig kartlegging med standardiserte tester der det er "
                    "hensiktsmessig\n"
                    "- Samtaler med foreldre, pedagoger og – ut fra alder – barnet selv\n"
                    "- Vurdering av læringsmiljøet og av hva som allerede er prøvd\n"
                    "- Resultatene kan, med samtykke, inngå i utredningen i "
                    "spesialisthelsetjenesten"
                ),
                "measures": (
                    "PPT skriver sakkyndig vurdering med konkrete anbefalinger om innhold, "
                    "organisering og kompetanse. PPT veileder personalet i strukturert og visuell "
                    "tilrettelegging, sosial støtte og arbeid med kommunikasjon, og kan anbefale "
                    "alternativ og supplerende kommunikasjon (ASK) når talespråket ikke strekker "
                    "til."
                ),
                "evaluation": (
                    "PPT følger opp om anbefalingene virker, blant annet gjennom evalueringen av "
                    "målene i barnets individuelle plan for opplæringen. Når behovene endrer seg – "
                    "for eksempel ved overgang fra barnehage til skole – gjøres en ny sakkyndig "
                    "vurdering."
                ),
                "collaboration": (
                    "Samarbeider med foreldre, barnehage/skole, habiliteringstjenesten og BUP. "
                    "Etter diagnose bør PPT delta i et overføringsmøte, slik at anbefalingene fra "
                    "spesialisthelsetjenesten blir omsatt til pedagogisk praksis."
                ),
                "referral": (
                    "PPT kan anbefale foreldrene å be fastlegen om henvisning til "
                    "spesialisthelsetjenesten, og kan legge ved sin rapport. Ved behov for "
                    "spesialkompetanse, for eksempel innen ASK, kan PPT be om bistand fra Statped."
                ),
            },
            "skole": {
                "role": (
                    "Skolen skal gi eleven et trygt og godt skolemiljø og opplæring tilpasset "
                    "elevens forutsetninger. For elever med autisme handler det ofte like mye om "
                    "forutsigbarhet, sosial støtte og sansemessige forhold som om faglig "
                    "tilrettelegging. Kontaktlæreren er en nøkkelperson for både eleven og "
                    "foreldrene."
                ),
                "assessment": (
                    "- Observasjon av eleven i undervisning, friminutt og overganger\n"
                    "- Kartlegg faglige styrker og vansker, og hva som utløser stress\n"
                    "- Følg med på fravær og tegn på skolevegring – det kan være et tidlig tegn på "
                    "at belastningen er for stor\n"
                    "- Snakk med eleven om hva som hjelper"
                ),
                "measures": (
                    "- Forutsigbar skoledag: visuell timeplan, varsel om endringer, faste rutiner\n"
                    "- Tydelige og konkrete beskjeder, og støtte i gruppearbeid og friminutt\n"
                    "- Mulighet for pauser eller et roligere rom ved behov\n"
                    "- Individuelt tilrettelagt opplæring etter sakkyndig vurdering og vedtak\n"
                    "- Aktiv innsats mot mobbing og utenforskap"
                ),
                "evaluation": (
                    "Evaluer mål og tiltak sammen med eleven og foreldrene jevnlig, og minst årlig "
                    "ved individuelt tilrettelagt opplæring. Se etter trivsel, skolenærvær og "
                    "deltakelse – ikke bare faglig progresjon."
                ),
                "collaboration": (
                    "Skolen samarbeider med foreldre, PPT, skolehelsetjenesten og "
                    "spesialisthelsetjenesten, og deltar i ansvarsgruppe. God overføring fra "
                    "barnehage og mellom skoletrinn er avgjørende. SFO bør involveres, slik at "
                    "tilretteleggingen gjelder hele dagen."
                ),
                "referral": (
                    "Med foreldrenes samtykke henviser skolen til PPT. Ved økende fravær eller "
                    "tegn på angst, depresjon eller selvskading bør skolehelsetjenesten kobles "
                    "inn, og foreldrene oppfordres til å kontakte fastlegen."
                ),
            },
            "habilitering": {
                "role": (
                    "Habiliteringstjenesten for barn og unge utreder og gir tjenester til barn med "
                    "medfødte eller tidlig ervervede funksjonsnedsettelser, blant annet autisme. "
                    "Tjenesten har ofte ansvar for barn med autisme og samtidig utviklingshemming, "
                    "og for de yngste barna, etter lokal arbeidsdeling med BUP. Teamet er "
                    "tverrfaglig, med blant annet psykolog, lege, pedagog og fysioterapeut."
                ),
                "assessment": (
                    "- Tverrfaglig diagnostisk utredning med utviklingsanamnese (f.eks. ADI-R) og "
                    "strukturert observasjon (f.eks. ADOS-2)\n"
                    "- Kognitiv utredning og kartlegging av adaptiv fungering\n"
                    "- Medisinsk vurdering, inkludert behov for genetisk utredning og vurdering av "
                    "epilepsi\n"
                    "- Kartlegging av språk, motorikk, sansing og samtidige tilstander"
                ),
                "measures": (
                    "- Tilbakemelding og skriftlig rapport til foreldrene og, med samtykke, til "
                    "kommunale tjenester\n"
                    "- Foreldrekurs og mestringskurs etter diagnose\n"
                    "- Veiledning til barnehage, skole og avlastning om tilrettelegging og "
                    "forebygging av utfordrende atferd\n"
                    "- Informasjon om individuell plan og koordinator"
                ),
                "evaluation": (
                    "Tiltakene evalueres i ansvarsgruppen ut fra konkrete mål for barnets "
                    "deltakelse og livskvalitet. Habiliteringstjenesten kan kartlegge på nytt ved "
                    "endret funksjon eller nye spørsmål, for eksempel ved skolestart eller i "
                    "ungdomsårene."
                ),
                "collaboration": (
                    "Samarbeider tett med foreldre, PPT, barnehage/skole og kommunens "
                    "koordinerende enhet, og med BUP når barnet har psykiske vansker. Mye av "
                    "veiledningen skjer der barnet er. Samarbeidsform, kontaktpersoner og "
                    "arbeidsdeling med BUP avtales lokalt."
                ),
                "referral": (
                    "Ved behov for psykisk helsehjelp for samtidige vansker, som angst eller "
                    "depresjon, henvises til BUP etter avtale. Ved særlig komplekse "
                    "problemstillinger kan tjenesten søke råd hos nasjonal kompetansetjeneste. Ved "
                    "avslutning overføres oppfølgingen til kommunen med en tydelig plan."
                ),
            },
            "bup": {
                "role": (
                    "BUP utreder og behandler autisme hos barn og unge, særlig når barnet har "
                    "normal kognitiv fungering eller det er mistanke om samtidige psykiske "
                    "lidelser. Mange får diagnosen først i skolealder eller ungdomsårene, ofte "
                    "etter angst, skolevegring eller sosiale vansker. Arbeidsdelingen med "
                    "habiliteringstjenesten avtales lokalt."
                ),
                "assessment": (
                    "- Diagnostisk utredning med utviklingsanamnese, strukturert observasjon og "
                    "spørreskjema fra hjem og skole\n"
                    "- Kognitiv utredning\n"
                    "- Differensialdiagnostikk og samtidige tilstander: ADHD, angst, depresjon, "
                    "tics, spisevansker\n"
                    "- Samtale med barnet eller ungdommen om egen opplevelse – jenter og barn som "
                    "maskerer vanskene sine kan lett bli oversett"
                ),
                "measures": (
                    "- Psykoedukasjon til barnet og familien om diagnosen og hva den betyr i "
                    "hverdagen\n"
                    "- Behandling av samtidige psykiske lidelser, med tilpasset kognitiv "
                    "atferdsterapi der det passer\n"
                    "- Veiledning til foreldre og skole\n"
                    "- Vurdering av medisinsk behandling ved f.eks. ADHD eller alvorlige "
                    "søvnvansker"
                ),
                "evaluation": (
                    "Behandlingen evalueres jevnlig sammen med barnet og foreldrene, slik "
                    "pakkeforløpet legger opp til, med mål som er satt i fellesskap og gjerne "
                    "standardiserte skjema for symptomer og funksjon. Når målene er nådd, "
                    "planlegges avslutning og overføring til kommunen."
                ),
                "collaboration": (
                    "BUP samarbeider med fastlege, skole, PPT og habiliteringstjenesten, og deltar "
                    "i ansvarsgruppe ved behov. Samarbeidsmøte med kommunen avtales tidlig i "
                    "forløpet, og epikrise sendes fastlegen og, med samtykke, andre som skal følge "
                    "opp."
                ),
                "referral": (
                    "Ved utviklingshemming eller behov for habiliteringsfaglig oppfølging henvises "
                    "til habiliteringstjenesten. Overgangen til voksenalderen planlegges i god tid "
                    "før 18 år, med overføring til fastlege, DPS eller voksenhabilitering etter "
                    "behov."
                ),
            },
            "brukerorganisasjon": {
                "role": (
                    "Brukerorganisasjoner som Autismeforeningen i Norge gir familier kunnskap, "
                    "likepersonstøtte og fellesskap med andre i samme situasjon. De kjenner "
                    "hverdagen med autisme fra innsiden og er en viktig stemme når tjenestene skal "
                    "utvikles."
                ),
                "assessment": (
                    "Organisasjonen kartlegger ikke barnet, men kan hjelpe familien å sette ord på "
                    "hva de trenger og hvilke spørsmål de bør stille tjenestene. Medlemmenes "
                    "erfaringer kan brukes når kommunen og helseforetaket vurderer kvaliteten på "
                    "tilbudet."
                ),
                "measures": (
                    "- Likepersoner som foreldre kan snakke med\n"
                    "- Kurs, temamøter og samlinger for familier og søsken\n"
                    "- Informasjon om rettigheter, for eksempel avlastning, individuell plan og "
                    "stønader fra NAV\n"
                    "- Fritidstilbud og møteplasser for barn og unge med autisme"
                ),
                "evaluation": (
                    "Organisasjonen samler tilbakemeldinger fra medlemmene om hvordan tjenestene "
                    "fungerer, og løfter systematiske utfordringer til kommunen og helseforetaket "
                    "gjennom brukerråd og medvirkning."
                ),
                "collaboration": (
                    "Samarbeider med habiliteringstjenesten og BUP om foreldrekurs og informasjon, "
                    "og deltar i brukerråd. Tjenestene bør fortelle familier om organisasjonen "
                    "tidlig, gjerne samtidig med tilbakemeldingen om diagnosen."
                ),
                "referral": (
                    "Familier kan ta kontakt direkte, uten henvisning. Likepersoner oppfordrer "
                    "familier til å kontakte fastlege, PPT eller koordinerende enhet når de "
                    "trenger mer hjelp enn organisasjonen kan gi. Lokallag og kontaktinformasjon "
                    "finnes på https://www.autismeforeningen.no."
                ),
            },
        },
    },
    "needs_local_adaptation": [
        ("fastlege", "referral"),
        ("bup", "referral"),
        ("habilitering", "collaboration"),
    ],
}
