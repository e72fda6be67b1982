"""Demo pathway: vold, overgrep og omsorgssvikt (bokmål og nynorsk)."""

PATHWAY = {
    "slug": "vold-overgrep-omsorgssvikt",
    "title": "Vold, overgrep og omsorgssvikt",
    "title_nn": "Vald, overgrep og omsorgssvikt",
    "summary": (
        "Forløpet beskriver hva hver tjeneste skal gjøre ved mistanke om at et barn utsettes for "
        "vold, seksuelle overgrep eller alvorlig omsorgssvikt: hvordan man snakker med barnet, når "
        "og hvordan man melder til barnevernet og politiet, og hvordan barnet følges opp etterpå."
    ),
    "target_group": (
        "Barn og unge 0–18 år som kan være utsatt for eller vitne til vold, seksuelle overgrep "
        "eller alvorlig omsorgssvikt"
    ),
    "summary_nn": (
        "Forløpet skildrar kva kvar teneste skal gjere ved mistanke om at eit barn blir utsett "
        "for vald, seksuelle overgrep eller alvorleg omsorgssvikt: korleis ein snakkar med "
        "barnet, når og korleis ein melder til barnevernet og politiet, og korleis barnet blir "
        "følgt opp etterpå."
    ),
    "target_group_nn": (
        "Born og unge 0–18 år som kan vere utsette for eller vitne til vald, seksuelle overgrep "
        "eller alvorleg omsorgssvikt"
    ),
    "status": "published",
    "service_types": [
        "helsestasjon",
        "barnehage",
        "skole",
        "fastlege",
        "legevakt",
        "barnevern",
        "barnehus",
        "bup",
    ],
    "texts": {
        "nb": {
            "helsestasjon": {
                "role": (
                    "Helsestasjonen og skolehelsetjenesten møter nesten alle barn og foreldre og "
                    "er i en god posisjon til å oppdage vold, overgrep og omsorgssvikt tidlig. "
                    "Helsesykepleier skal spørre om vold som en del av rutinen, lytte til barnet "
                    "og handle når det er grunn til bekymring. Tjenesten er også et "
                    "lavterskeltilbud der barn og unge selv kan fortelle."
                ),
                "assessment": (
                    "- Spør rutinemessig om vold og konflikter i hjemmet – både foreldrene og, ut "
                    "fra alder, barnet alene\n"
                    "- Vær oppmerksom på skader uten god forklaring (særlig hos barn som ikke kan "
                    "gå selv), vektstagnasjon, endret atferd og seksualisert atferd\n"
                    "- I samtalen: still åpne spørsmål, ikke ledende, og skriv ned barnets egne "
                    "ord\n"
                    "- På https://www.snakkemedbarn.no (laget av RVTS-ene) kan du øve på slike "
                    "samtaler"
                ),
                "measures": (
                    "Når barnet forteller, eller du ser tegn på vold eller overgrep: ta barnet på "
                    "alvor, ikke lov å holde det hemmelig, og forklar hva som skal skje videre. "
                    "Ved mistanke om vold eller overgrep fra foreldre eller andre i hjemmet skal "
                    "foreldrene **ikke** konfronteres eller informeres før barnevernet eller "
                    "politiet er kontaktet – det kan sette barnet i fare og ødelegge "
                    "etterforskningen. Ved mindre alvorlig bekymring for omsorgen kan foreldrene "
                    "som regel involveres åpent og få tilbud om støtte."
                ),
                "evaluation": (
                    "Følg med på barnet etter at meldingen er sendt: trivsel, helse og oppmøte. "
                    "Offentlige meldere skal få tilbakemelding fra barnevernet om at meldingen er "
                    "mottatt og om den førte til undersøkelse. Vedvarer bekymringen, eller kommer "
                    "det nye opplysninger, sender du ny melding."
                ),
                "collaboration": (
                    "Samarbeider med barnevernet, fastlegen, barnehagen og skolen. Er du usikker, "
                    "kan saken drøftes anonymt med barnevernet, og Statens barnehus gir "
                    "konsultasjon til fagfolk ved mistanke om vold og overgrep. Følg kommunens "
                    "handlingsveileder og avklar hvem som gjør hva."
                ),
                "referral": (
                    "- **Opplysningsplikt**: Når det er grunn til å tro at et barn blir "
                    "mishandlet, utsatt for overgrep eller alvorlig omsorgssvikt, skal du selv "
                    "sende melding til barnevernet (helsepersonelloven § 33). Plikten er personlig "
                    "og krever ikke samtykke.\n"
                    "- **Akutt fare**: ring politiet (112), og barnevernvakten utenom kontortid.\n"
                    "- Trenger barnet medisinsk undersøkelse: henvis til fastlege eller legevakt, "
                    "eller avtal med barnevernet/politiet."
                ),
            },
            "barnehage": {
                "role": (
                    "Barnehageansatte ser barna hver dag over tid og kan merke endringer tidlig. "
                    "Barnehagen skal gi barna kunnskap om kropp og grenser tilpasset alder, være "
                    "trygge voksne barna kan fortelle til, og handle når det er grunn til "
                    "bekymring. Alle ansatte har en selvstendig opplysningsplikt til barnevernet."
                ),
                "assessment": (
                    "- Observer og dokumenter konkret og med dato: hva du så og hørte, og barnets "
                    "egne ord, uten tolkning\n"
                    "- Legg merke til endret atferd, redsel ved henting, skader, sult, dårlig "
                    "hygiene og seksualisert lek eller språk\n"
                    "- Drøft i personalgruppen og med styrer, men ikke la intern drøfting forsinke "
                    "en melding\n"
                    "- Ikke prøv å «etterforske» selv"
                ),
                "measures": (
                    "- Gi barnet trygghet og forutsigbarhet i barnehagehverdagen\n"
                    "- Bruk undervisningsopplegg om kropp, følelser og grenser, for eksempel "
                    "ressursene på https://www.jegvet.no\n"
                    "- Når et barn forteller: lytt rolig, ikke still ledende spørsmål, og ikke lov "
                    "å holde noe hemmelig\n"
                    "- Ved mistanke om vold eller overgrep i familien: ikke konfronter foreldrene "
                    "– kontakt barnevernet, og la barnevernet og politiet vurdere når foreldrene "
                    "skal informeres"
                ),
                "evaluation": (
                    "Følg barnet tett etter at meldingen er sendt, og fortsett å dokumentere. "
                    "Barnehagen får tilbakemelding fra barnevernet om meldingen førte til "
                    "undersøkelse. Evaluer også egne rutiner: Visste alle ansatte hva de skulle "
                    "gjøre, og ble meldingen sendt uten unødig opphold?"
                ),
                "collaboration": (
                    "Samarbeider med barnevernet, helsestasjonen og PPT. Barnehagen kan drøfte "
                    "saker anonymt med barnevernet og få konsultasjon fra Statens barnehus. Ber "
                    "barnevernet eller politiet om opplysninger i en undersøkelse eller "
                    "etterforskning, skal barnehagen bidra innenfor lovens rammer."
                ),
                "referral": (
                    "Melding til barnevernet sendes når det er grunn til å tro at barnet blir "
                    "mishandlet, utsatt for overgrep eller alvorlig omsorgssvikt. Styrer sender "
                    "vanligvis meldingen, men plikten gjelder hver enkelt ansatt, og en ansatt kan "
                    "melde selv om ledelsen er uenig. Ved akutt fare, eller når barnet er redd for "
                    "å gå hjem: kontakt politiet eller barnevernvakten straks."
                ),
            },
            "skole": {
                "role": (
                    "Skolen ser elevene hver dag og har ansvar for at de har et trygt og godt "
                    "skolemiljø. Lærere og andre ansatte er ofte de første barn forteller til. "
                    "Alle ansatte har opplysningsplikt til barnevernet, og skolen skal gi elevene "
                    "alderstilpasset undervisning om vold, overgrep, kropp og grenser."
                ),
                "assessment": (
                    "- Vær oppmerksom på endringer: fravær, konsentrasjonsvansker, "
                    "tilbaketrekning, utagering, skader, sult, selvskading\n"
                    "- Dokumenter konkret hva du observerer og hva eleven sier, med dato\n"
                    "- Forteller eleven: lytt, still åpne spørsmål og ikke press på med detaljer – "
                    "det er politiets oppgave i et tilrettelagt avhør\n"
                    "- Drøft med ledelsen og skolehelsetjenesten, eventuelt anonymt med barnevernet"
                ),
                "measures": (
                    "Gi eleven støtte og trygghet i skolehverdagen, og gjør det tydelig at eleven "
                    "gjorde rett i å fortelle. Forklar hva som skal skje videre og hvem som får "
                    "vite om det, på en måte som passer alderen. Ved mistanke om vold eller "
                    "overgrep fra en forelder: ikke kontakt eller konfronter foreldrene før "
                    "barnevernet eller politiet har gitt råd. Følg skolens handlingsplan."
                ),
                "evaluation": (
                    "Følg opp eleven videre sammen med skolehelsetjenesten, og vær oppmerksom på "
                    "fravær og endringer i trivsel. I etterkant bør skolen gå gjennom hvordan "
                    "saken ble håndtert, for å lære og styrke rutinene."
                ),
                "collaboration": (
                    "Samarbeider med barnevernet, skolehelsetjenesten, PPT og politiet. Statens "
                    "barnehus tilbyr konsultasjon til ansatte. Noen ganger blir en elev hentet til "
                    "tilrettelagt avhør fra skolen etter avtale med politi og barnevern – skolen "
                    "legger da til rette og informerer ikke foreldrene på egen hånd."
                ),
                "referral": (
                    "- Send melding til barnevernet når det er grunn til å tro at eleven blir "
                    "mishandlet, utsatt for overgrep eller alvorlig omsorgssvikt – "
                    "opplysningsplikten går foran taushetsplikten\n"
                    "- Kontakt politiet når en alvorlig straffbar handling pågår eller kan "
                    "avverges (**avvergingsplikt**, straffeloven § 196)\n"
                    "- Skolehelsetjenesten kan bidra med videre helsehjelp"
                ),
            },
            "fastlege": {
                "role": (
                    "Fastlegen møter barn og foreldre ved sykdom og skader og kjenner ofte "
                    "familiens historie, også foreldrenes psykiske helse og rusbruk. Fastlegen har "
                    "et særlig ansvar for å vurdere skader medisinsk, dokumentere funn nøyaktig og "
                    "ivareta barn som pårørende."
                ),
                "assessment": (
                    "- Vurder om forklaringen på en skade passer med skaden og barnets "
                    "utviklingsnivå; blåmerker hos barn som ikke kan krabbe eller gå, krever "
                    "alltid nærmere vurdering\n"
                    "- Dokumenter funn nøyaktig: plassering, størrelse og farge, gjerne med "
                    "målestokk og foto etter rutinene\n"
                    "- Snakk med barnet alene når det er mulig og passende\n"
                    "- Vurder tegn på omsorgssvikt: vekst, tannhelse, hygiene og manglende "
                    "oppfølging av sykdom"
                ),
                "measures": (
                    "Gi nødvendig medisinsk behandling. Ved alvorlig mistanke om fysisk "
                    "mishandling av små barn: henvis straks til barneavdeling for utredning, og "
                    "varsle barnevernet og politiet. Ikke konfronter foreldrene med mistanken, men "
                    "forklar den medisinske begrunnelsen for videre undersøkelser. Når foreldre "
                    "har psykisk sykdom eller rusproblemer: spør om barna og hvilke behov de har "
                    "(barn som pårørende)."
                ),
                "evaluation": (
                    "Følg opp barnets helse og eventuelle skader over tid. Sjekk at meldingen til "
                    "barnevernet er mottatt, og be om tilbakemelding. Vurder om barnet har "
                    "traumereaksjoner som trenger videre utredning."
                ),
                "collaboration": (
                    "Samarbeider med barnevernet, helsestasjonen, legevakten, BUP og politiet. "
                    "Fastlegen gir opplysninger til barnevernet i en undersøkelse og kan bli bedt "
                    "om å skrive en erklæring i en straffesak, innenfor reglene om taushetsplikt. "
                    "RVTS Vest gir råd og veiledning om vold og traumer."
                ),
                "referral": (
                    "- Melding til barnevernet ved grunn til å tro at barnet blir mishandlet eller "
                    "utsatt for alvorlig omsorgssvikt (helsepersonelloven § 33)\n"
                    "- Politiet ved akutt fare eller alvorlige straffbare forhold\n"
                    "- BUP ved traumereaksjoner eller andre psykiske vansker som trenger "
                    "spesialisthjelp\n"
                    "- Barneavdeling når skader trenger rask medisinsk utredning"
                ),
            },
            "legevakt": {
                "role": (
                    "Legevakten tar imot barn med skader, akutt sykdom og akutt krise hele døgnet, "
                    "og ved mange legevakter ligger overgrepsmottaket, som undersøker etter "
                    "seksuelle overgrep og vold i nære relasjoner. Utenom kontortid er legevakten "
                    "ofte kontaktpunktet for barn og familier i krise."
                ),
                "assessment": (
                    "- Medisinsk vurdering av skader, og om forklaringen stemmer med funnene\n"
                    "- Nøyaktig dokumentasjon i journalen med kroppskart og foto etter rutine\n"
                    "- Sikring av biologiske spor og skader når overgrep kan ha skjedd nylig – i "
                    "samarbeid med politiet\n"
                    "- Vurder om barnet er trygt ved utskrivning: Hvem skal barnet hjem til?"
                ),
                "measures": (
                    "Gi akutt medisinsk behandling og ivareta barnet og trygge omsorgspersoner. "
                    "Når mistanken gjelder noen som følger barnet, må legevakten sikre barnets "
                    "trygghet uten å konfrontere vedkommende, og kontakte politiet og "
                    "barnevernvakten. Barnet skal ikke sendes hjem før det er avklart at det er "
                    "trygt."
                ),
                "evaluation": (
                    "Legevakten har korte forløp; evalueringen handler om at oppfølgingen er "
                    "overført: barnevernvakten og politiet er varslet, fastlegen har fått "
                    "epikrise, og nødvendig oppfølging er avtalt. Legevakten bør jevnlig gå "
                    "gjennom egne saker for å lære."
                ),
                "collaboration": (
                    "Samarbeider med barnevernvakten, politiet, overgrepsmottaket, barneavdelingen "
                    "og Statens barnehus. Medisinske undersøkelser av barn for politiet (klinisk "
                    "rettsmedisinske undersøkelser) gjøres etter lokal avtale, ofte i forbindelse "
                    "med tilrettelagt avhør på barnehuset."
                ),
                "referral": (
                    "- Barnevernvakten/barnevernet: melding samme døgn ved mistanke om vold, "
                    "overgrep eller alvorlig omsorgssvikt\n"
                    "- Politiet: ved mistanke om straffbare forhold og behov for å sikre spor\n"
                    "- Barneavdeling ved alvorlige skader eller behov for innleggelse\n"
                    "- Lokal barnevernvakt og overgrepsmottak: se lokal rutine"
                ),
            },
            "barnevern": {
                "role": (
                    "Barnevernstjenesten skal sikre at barn som lever under forhold som kan skade "
                    "helsen og utviklingen deres, får nødvendig hjelp og omsorg til rett tid. "
                    "Tjenesten tar imot bekymringsmeldinger, undersøker, setter inn hjelpetiltak "
                    "og kan treffe akuttvedtak når barnet er i fare. Barnevernvakten dekker tiden "
                    "utenom kontortid."
                ),
                "assessment": (
                    "- Barnevernet går gjennom meldingen innen én uke, og straks ved akutt fare\n"
                    "- Undersøkelsen skal som hovedregel være ferdig innen tre måneder\n"
                    "- Ved mistanke om vold eller overgrep fra omsorgspersoner: samråd med "
                    "politiet **før** foreldrene informeres, slik at barnet er trygt og "
                    "etterforskningen ikke skades\n"
                    "- Samtale med barnet – barnet har rett til å bli hørt og til å medvirke i alt "
                    "som gjelder det, ut fra alder og modenhet"
                ),
                "measures": (
                    "- Akuttvedtak og plassering når barnet er i fare her og nå\n"
                    "- Hjelpetiltak i hjemmet, for eksempel foreldreveiledning, tilsyn eller "
                    "støttekontakt\n"
                    "- Trygghetsplan sammen med barnet og den trygge forelderen\n"
                    "- Omsorgsovertakelse når hjelpetiltak ikke er nok\n"
                    "- Barnet skal få informasjon og anledning til å si sin mening før "
                    "beslutninger tas, og kan ha en tillitsperson hvis det ønsker det"
                ),
                "evaluation": (
                    "Tiltakene evalueres jevnlig i en tiltaksplan der barnet og familien kommer "
                    "til orde. Spør: Er barnet tryggere? Har volden opphørt? Hvordan opplever "
                    "barnet selv situasjonen? Tjenesten gir tilbakemelding til offentlige meldere "
                    "og avgjør om saken skal henlegges eller følges videre."
                ),
                "collaboration": (
                    "Samarbeider med politiet, Statens barnehus, BUP, helsestasjonen, barnehagen "
                    "og skolen. Barnevernet deltar ofte i samråd før tilrettelagt avhør og kan "
                    "følge barnet til avhøret. Barnevernet tilbyr anonym drøfting til fagfolk som "
                    "er usikre på om de skal melde."
                ),
                "referral": (
                    "- Anmeldelse til politiet ved mistanke om alvorlige straffbare forhold mot "
                    "barnet; det er politiet som beslutter tilrettelagt avhør ved Statens "
                    "barnehus\n"
                    "- Henvisning til BUP ved traumereaksjoner eller behov for psykisk helsehjelp\n"
                    "- Bufetat ved behov for fosterhjem, institusjon eller senter for foreldre og "
                    "barn\n"
                    "- Lokale kontaktpunkter og barnevernvakt: se lokal rutine"
                ),
            },
            "barnehus": {
                "role": (
                    "Statens barnehus tar imot barn og unge som kan ha vært utsatt for eller vitne "
                    "til vold eller seksuelle overgrep, når **politiet** har bedt om tilrettelagt "
                    "avhør. Barnehuset samler avhør, medisinsk undersøkelse og oppfølging under "
                    "samme tak, i barnevennlige omgivelser. Barnehuset gir også konsultasjon og "
                    "råd til fagfolk."
                ),
                "assessment": (
                    "- Politiet leder det tilrettelagte avhøret, og barnehusets ansatte er til "
                    "stede for å ivareta barnet\n"
                    "- Medisinsk undersøkelse (klinisk rettsmedisinsk) kan gjøres på barnehuset\n"
                    "- Etter avhøret kartlegger barnehuset hvilken oppfølging barnet og familien "
                    "trenger, for eksempel ved traumereaksjoner"
                ),
                "measures": (
                    "- Støttesamtaler og kortvarig oppfølging og behandling etter avhøret\n"
                    "- Koordinering, slik at barnet får videre hjelp der det bor\n"
                    "- Informasjon til trygge omsorgspersoner om vanlige reaksjoner og hva de kan "
                    "gjøre\n"
                    "- Konsultasjon til fagfolk som er usikre på hvordan de skal gå fram"
                ),
                "evaluation": (
                    "Barnehuset følger opp barnet og familien en periode etter avhøret og vurderer "
                    "om symptomene avtar eller om barnet trenger videre behandling. Barnet og "
                    "familien blir spurt om hvordan de opplevde forløpet."
                ),
                "collaboration": (
                    "Samarbeider med politiet, barnevernet, BUP, kommunale tjenester og sykehus. "
                    "Politiet koordinerer samrådsmøte før avhør med barnevernet og barnehuset. "
                    "Hvilket barnehus som dekker ditt område, og kontaktinformasjon for "
                    "konsultasjon: se lokal rutine."
                ),
                "referral": (
                    "Fagfolk kan ikke henvise barn til tilrettelagt avhør – det er **politiet** "
                    "som beslutter og ber barnehuset om avhør. Bekymring sendes derfor til "
                    "barnevernet og/eller politiet. Etter avhøret kan barnehuset bidra til "
                    "henvisning til BUP eller kommunale tjenester for videre behandling."
                ),
            },
            "bup": {
                "role": (
                    "BUP utreder og behandler psykiske vansker etter vold, overgrep og "
                    "omsorgssvikt, som posttraumatisk stresslidelse, angst, depresjon og "
                    "tilknytningsvansker. Målet er at barnet får god traumebehandling, og at "
                    "omsorgspersonene får hjelp til å skape trygghet i hverdagen."
                ),
                "assessment": (
                    "- Traumescreening og kartlegging av hendelser og symptomer, for eksempel med "
                    "CATS\n"
                    "- Vurdering av barnets sikkerhet: Er volden over? Bor barnet sammen med noen "
                    "som har utøvd vold?\n"
                    "- Kartlegging av andre vansker og av omsorgssituasjonen\n"
                    "- Samtale med barnet alene, tilpasset alder"
                ),
                "measures": (
                    "- Traumefokusert behandling med dokumentert effekt, for eksempel TF-CBT, når "
                    "barnet er i trygge omgivelser\n"
                    "- Stabilisering og psykoedukasjon til barnet og omsorgspersonene\n"
                    "- Veiledning til fosterforeldre, barnehage og skole\n"
                    "- Er tilrettelagt avhør ikke gjennomført: avklar med politiet før "
                    "behandlingen går inn på selve hendelsene, men ikke utsett nødvendig hjelp"
                ),
                "evaluation": (
                    "Bruk standardiserte mål for traumesymptomer ved oppstart, underveis og ved "
                    "avslutning, og vurder sammen med barnet og omsorgspersonene om behandlingen "
                    "virker. Blir det ikke bedre: vurder diagnose, sikkerhet og tiltak på nytt."
                ),
                "collaboration": (
                    "Samarbeider med barnevernet, Statens barnehus, fastlegen, skolen og kommunale "
                    "tjenester. Ved ny mistanke om vold eller overgrep har BUP selv "
                    "opplysningsplikt til barnevernet og må vurdere avvergingsplikten."
                ),
                "referral": (
                    "Trenger barnet langvarig oppfølging i kommunen: overføring til psykisk "
                    "helsetjeneste med en plan. Ved akutt selvmordsfare: øyeblikkelig "
                    "hjelp-vurdering etter lokal rutine. Når ungdommen fyller 18 år og trenger "
                    "videre behandling: planlagt overføring til DPS."
                ),
            },
        },
        "nn": {
            "helsestasjon": {
                "role": (
                    "Helsestasjonen og skulehelsetenesta møter nesten alle born og foreldre og er "
                    "i ein god posisjon til å oppdage vald, overgrep og omsorgssvikt tidleg. "
                    "Helsesjukepleiaren skal spørje om vald som ein del av rutinen, lytte til "
                    "barnet og handle når det er grunn til bekymring. Tenesta er òg eit "
                    "lågterskeltilbod der born og unge sjølve kan fortelje."
                ),
                "assessment": (
                    "- Spør rutinemessig om vald og konfliktar i heimen – både foreldra og, ut frå "
                    "alder, barnet åleine\n"
                    "- Ver merksam på skadar utan god forklaring (særleg hos born som ikkje kan gå "
                    "sjølve), vekt som stoppar opp, endra åtferd og seksualisert åtferd\n"
                    "- I samtalen: still opne spørsmål, ikkje leiande, og skriv ned orda barnet "
                    "sjølv brukar\n"
                    "- På https://www.snakkemedbarn.no (laga av RVTS-ane) kan du øve på slike "
                    "samtalar"
                ),
                "measures": (
                    "Når barnet fortel, eller du ser teikn på vald eller overgrep: ta barnet på "
                    "alvor, ikkje lov å halde det hemmeleg, og forklar kva som skal skje vidare. "
                    "Ved mistanke om vald eller overgrep frå foreldre eller andre i heimen skal "
                    "foreldra **ikkje** konfronterast eller informerast før barnevernet eller "
                    "politiet er kontakta – det kan setje barnet i fare og øydeleggje "
                    "etterforskinga. Ved mindre alvorleg bekymring for omsorga kan foreldra som "
                    "regel involverast ope og få tilbod om støtte."
                ),
                "evaluation": (
                    "Følg med på barnet etter at meldinga er sendt: trivsel, helse og oppmøte. "
                    "Offentlege meldarar skal få tilbakemelding frå barnevernet om at meldinga er "
                    "motteken, og om ho førte til undersøking. Held bekymringa fram, eller kjem "
                    "det nye opplysningar, sender du ny melding."
                ),
                "collaboration": (
                    "Samarbeider med barnevernet, fastlegen, barnehagen og skulen. Er du usikker, "
                    "kan saka drøftast anonymt med barnevernet, og Statens barnehus gir "
                    "konsultasjon til fagfolk ved mistanke om vald og overgrep. Følg "
                    "handlingsrettleiaren i kommunen og avklar kven som gjer kva."
                ),
                "referral": (
                    "- **Opplysningsplikt**: Når det er grunn til å tru at eit barn blir "
                    "mishandla, utsett for overgrep eller alvorleg omsorgssvikt, skal du sjølv "
                    "sende melding til barnevernet (helsepersonellova § 33). Plikta er personleg "
                    "og krev ikkje samtykke.\n"
                    "- **Akutt fare**: ring politiet (112), og barnevernvakta utanom kontortid.\n"
                    "- Treng barnet medisinsk undersøking: tilvis til fastlege eller legevakt, "
                    "eller gjer avtale med barnevernet/politiet."
                ),
            },
            "barnehage": {
                "role": (
                    "Dei tilsette i barnehagen ser borna kvar dag over tid og kan merke endringar "
                    "tidleg. Barnehagen skal gi borna kunnskap om kropp og grenser tilpassa "
                    "alderen, vere trygge vaksne som borna kan fortelje til, og handle når det er "
                    "grunn til bekymring. Alle tilsette har sjølvstendig opplysningsplikt til "
                    "barnevernet."
                ),
                "assessment": (
                    "- Observer og dokumenter konkret og med dato: kva du såg og høyrde, og orda "
                    "barnet sjølv brukte, utan tolking\n"
                    "- Legg merke til endra åtferd, redsle ved henting, skadar, svolt, dårleg "
                    "hygiene og seksualisert leik eller språk\n"
                    "- Drøft i personalgruppa og med styraren, men ikkje la intern drøfting "
                    "forseinke ei melding\n"
                    "- Ikkje prøv å «etterforske» sjølv"
                ),
                "measures": (
                    "- Gi barnet tryggleik og faste rammer i kvardagen i barnehagen\n"
                    "- Bruk undervisningsopplegg om kropp, kjensler og grenser, til dømes "
                    "ressursane på https://www.jegvet.no\n"
                    "- Når eit barn fortel: lytt roleg, ikkje still leiande spørsmål, og ikkje lov "
                    "å halde noko hemmeleg\n"
                    "- Ved mistanke om vald eller overgrep i familien: ikkje konfronter foreldra – "
                    "kontakt barnevernet, og la barnevernet og politiet vurdere når foreldra skal "
                    "informerast"
                ),
                "evaluation": (
                    "Følg barnet tett etter at meldinga er sendt, og hald fram med å dokumentere. "
                    "Barnehagen får tilbakemelding frå barnevernet om meldinga førte til "
                    "undersøking. Evaluer òg dei eigne rutinane: Visste alle tilsette kva dei "
                    "skulle gjere, og vart meldinga sendt utan unødig opphald?"
                ),
                "collaboration": (
                    "Samarbeider med barnevernet, helsestasjonen og PP-tenesta. Barnehagen kan "
                    "drøfte saker anonymt med barnevernet og få konsultasjon frå Statens barnehus. "
                    "Ber barnevernet eller politiet om opplysningar i ei undersøking eller "
                    "etterforsking, skal barnehagen bidra innanfor rammene i lova."
                ),
                "referral": (
                    "Melding til barnevernet skal sendast når det er grunn til å tru at barnet "
                    "blir mishandla, utsett for overgrep eller alvorleg omsorgssvikt. Styraren "
                    "sender vanlegvis meldinga, men plikta gjeld kvar einskild tilsett, og ein "
                    "tilsett kan melde sjølv om leiinga er usamd. Ved akutt fare, eller når barnet "
                    "er redd for å gå heim: kontakt politiet eller barnevernvakta med ein gong."
                ),
            },
            "skole": {
                "role": (
                    "Skulen ser elevane kvar dag og har ansvar for at dei har eit trygt og godt "
                    "skulemiljø. Lærarar og andre tilsette er ofte dei første borna fortel til. "
                    "Alle tilsette har opplysningsplikt til barnevernet, og skulen skal gi elevane "
                    "undervisning om vald, overgrep, kropp og grenser tilpassa alderen."
                ),
                "assessment": (
                    "- Ver merksam på endringar: fråvær, konsentrasjonsvanskar, tilbaketrekking, "
                    "utagering, skadar, svolt, sjølvskading\n"
                    "- Dokumenter konkret kva du observerer og kva eleven seier, med dato\n"
                    "- Fortel eleven: lytt, still opne spørsmål og ikkje press på med detaljar – "
                    "det er oppgåva til politiet i eit tilrettelagt avhøyr\n"
                    "- Drøft med leiinga og skulehelsetenesta, eventuelt anonymt med barnevernet"
                ),
                "measures": (
                    "Gi eleven støtte og tryggleik i skulekvardagen, og gjer det tydeleg at eleven "
                    "gjorde rett som fortalde. Forklar kva som skal skje vidare og kven som får "
                    "vite om det, på ein måte som passar alderen. Ved mistanke om vald eller "
                    "overgrep frå ein forelder: ikkje kontakt eller konfronter foreldra før "
                    "barnevernet eller politiet har gitt råd. Følg handlingsplanen til skulen."
                ),
                "evaluation": (
                    "Følg opp eleven vidare saman med skulehelsetenesta, og ver merksam på fråvær "
                    "og endringar i trivsel. I etterkant bør skulen gå gjennom korleis saka vart "
                    "handtert, for å lære og styrkje rutinane."
                ),
                "collaboration": (
                    "Samarbeider med barnevernet, skulehelsetenesta, PP-tenesta og politiet. "
                    "Statens barnehus tilbyr konsultasjon til tilsette. Av og til blir ein elev "
                    "henta til tilrettelagt avhøyr frå skulen etter avtale med politiet og "
                    "barnevernet – skulen legg då til rette og informerer ikkje foreldra på eiga "
                    "hand."
                ),
                "referral": (
                    "- Send melding til barnevernet når det er grunn til å tru at eleven blir "
                    "mishandla, utsett for overgrep eller alvorleg omsorgssvikt – "
                    "opplysningsplikta går føre teieplikta\n"
                    "- Kontakt politiet når ei alvorleg straffbar handling pågår eller kan "
                    "avvergast (**avvergingsplikt**, straffelova § 196)\n"
                    "- Skulehelsetenesta kan hjelpe med vidare helsehjelp"
                ),
            },
            "fastlege": {
                "role": (
                    "Fastlegen møter born og foreldre ved sjukdom og skadar og kjenner ofte "
                    "historia til familien, òg den psykiske helsa og rusbruken til foreldra. "
                    "Fastlegen har eit særleg ansvar for å vurdere skadar medisinsk, dokumentere "
                    "funn nøyaktig og ta vare på born som pårørande."
                ),
                "assessment": (
                    "- Vurder om forklaringa på ein skade passar med skaden og utviklingsnivået "
                    "til barnet; blåmerke hos born som ikkje kan krabbe eller gå, krev alltid "
                    "nærare vurdering\n"
                    "- Dokumenter funn nøyaktig: plassering, storleik og farge, gjerne med "
                    "målestokk og foto etter rutinane\n"
                    "- Snakk med barnet åleine når det er mogleg og passande\n"
                    "- Vurder teikn på omsorgssvikt: vekst, tannhelse, hygiene og manglande "
                    "oppfølging av sjukdom"
                ),
                "measures": (
                    "Gi naudsynt medisinsk behandling. Ved alvorleg mistanke om fysisk mishandling "
                    "av små born: tilvis straks til barneavdeling for utgreiing, og varsle "
                    "barnevernet og politiet. Ikkje konfronter foreldra med mistanken, men forklar "
                    "den medisinske grunngjevinga for vidare undersøkingar. Når foreldre har "
                    "psykisk sjukdom eller rusproblem: spør om borna og kva behov dei har (born "
                    "som pårørande)."
                ),
                "evaluation": (
                    "Følg opp helsa til barnet og eventuelle skadar over tid. Sjekk at meldinga "
                    "til barnevernet er motteken, og be om tilbakemelding. Vurder om barnet har "
                    "traumereaksjonar som treng vidare utgreiing."
                ),
                "collaboration": (
                    "Samarbeider med barnevernet, helsestasjonen, legevakta, BUP og politiet. "
                    "Fastlegen gir opplysningar til barnevernet i ei undersøking og kan bli beden "
                    "om å skrive ei erklæring i ei straffesak, innanfor reglane om teieplikt. RVTS "
                    "Vest gir råd og rettleiing om vald og traume."
                ),
                "referral": (
                    "- Melding til barnevernet ved grunn til å tru at barnet blir mishandla eller "
                    "utsett for alvorleg omsorgssvikt (helsepersonellova § 33)\n"
                    "- Politiet ved akutt fare eller alvorlege straffbare forhold\n"
                    "- BUP ved traumereaksjonar eller andre psykiske vanskar som treng "
                    "spesialisthjelp\n"
                    "- Barneavdeling når skadar treng rask medisinsk utgreiing"
                ),
            },
            "legevakt": {
                "role": (
                    "Legevakta tek imot born med skadar, akutt sjukdom og akutt krise heile "
                    "døgnet, og ved mange legevakter ligg overgrepsmottaket, som undersøkjer etter "
                    "seksuelle overgrep og vald i nære relasjonar. Utanom kontortid er legevakta "
                    "ofte kontaktpunktet for born og familiar i krise."
                ),
                "assessment": (
                    "- Medisinsk vurdering av skadar, og om forklaringa stemmer med funna\n"
                    "- Nøyaktig dokumentasjon i journalen med kroppskart og foto etter rutine\n"
                    "- Sikring av biologiske spor og skadar når overgrep kan ha skjedd nyleg – i "
                    "samarbeid med politiet\n"
                    "- Vurder om barnet er trygt ved utskriving: Kven skal barnet heim til?"
                ),
                "measures": (
                    "Gi akutt medisinsk behandling og ta vare på barnet og trygge omsorgspersonar. "
                    "Når mistanken gjeld nokon som følgjer barnet, må legevakta sikre at barnet er "
                    "trygt utan å konfrontere vedkomande, og kontakte politiet og barnevernvakta. "
                    "Barnet skal ikkje sendast heim før det er avklart at det er trygt."
                ),
                "evaluation": (
                    "Legevakta har korte forløp; evalueringa handlar om at oppfølginga er "
                    "overført: barnevernvakta og politiet er varsla, fastlegen har fått epikrise, "
                    "og naudsynt oppfølging er avtalt. Legevakta bør jamleg gå gjennom eigne saker "
                    "for å lære."
                ),
                "collaboration": (
                    "Samarbeider med barnevernvakta, politiet, overgrepsmottaket, barneavdelinga "
                    "og Statens barnehus. Medisinske undersøkingar av born for politiet (klinisk "
                    "rettsmedisinske undersøkingar) blir gjorde etter lokal avtale, ofte i samband "
                    "med tilrettelagt avhøyr på barnehuset."
                ),
                "referral": (
                    "- Barnevernvakta/barnevernet: melding same døgn ved mistanke om vald, "
                    "overgrep eller alvorleg omsorgssvikt\n"
                    "- Politiet: ved mistanke om straffbare forhold og behov for å sikre spor\n"
                    "- Barneavdeling ved alvorlege skadar eller behov for innlegging\n"
                    "- Lokal barnevernvakt og lokalt overgrepsmottak: sjå lokal rutine"
                ),
            },
            "barnevern": {
                "role": (
                    "Barnevernstenesta skal sikre at born som lever under forhold som kan skade "
                    "helsa og utviklinga deira, får naudsynt hjelp og omsorg til rett tid. Tenesta "
                    "tek imot bekymringsmeldingar, undersøkjer, set inn hjelpetiltak og kan gjere "
                    "akuttvedtak når barnet er i fare. Barnevernvakta dekkjer tida utanom "
                    "kontortid."
                ),
                "assessment": (
                    "- Barnevernet går gjennom meldinga innan ei veke, og straks ved akutt fare\n"
                    "- Undersøkinga skal som hovudregel vere ferdig innan tre månader\n"
                    "- Ved mistanke om vald eller overgrep frå omsorgspersonar: samråd med "
                    "politiet **før** foreldra blir informerte, slik at barnet er trygt og "
                    "etterforskinga ikkje blir skadd\n"
                    "- Samtale med barnet – barnet har rett til å bli høyrt og til å medverke i "
                    "alt som gjeld det, ut frå alder og modnad"
                ),
                "measures": (
                    "- Akuttvedtak og plassering når barnet er i fare her og no\n"
                    "- Hjelpetiltak i heimen, til dømes foreldrerettleiing, tilsyn eller "
                    "støttekontakt\n"
                    "- Tryggleiksplan saman med barnet og den trygge forelderen\n"
                    "- Omsorgsovertaking når hjelpetiltak ikkje er nok\n"
                    "- Barnet skal få informasjon og høve til å seie meininga si før avgjerder "
                    "blir tekne, og kan ha ein tillitsperson om det ønskjer det"
                ),
                "evaluation": (
                    "Tiltaka blir evaluerte jamleg i ein tiltaksplan der barnet og familien kjem "
                    "til orde. Spør: Er barnet tryggare? Har valden slutta? Korleis opplever "
                    "barnet sjølv situasjonen? Tenesta gir tilbakemelding til offentlege meldarar "
                    "og avgjer om saka skal leggjast bort eller følgjast vidare."
                ),
                "collaboration": (
                    "Samarbeider med politiet, Statens barnehus, BUP, helsestasjonen, barnehagen "
                    "og skulen. Barnevernet deltek ofte i samråd før tilrettelagt avhøyr og kan "
                    "følgje barnet til avhøyret. Barnevernet tilbyr anonym drøfting til fagfolk "
                    "som er usikre på om dei skal melde."
                ),
                "referral": (
                    "- Melding til politiet ved mistanke om alvorlege straffbare forhold mot "
                    "barnet; det er politiet som avgjer tilrettelagt avhøyr ved Statens barnehus\n"
                    "- Tilvising til BUP ved traumereaksjonar eller behov for psykisk helsehjelp\n"
                    "- Bufetat ved behov for fosterheim, institusjon eller senter for foreldre og "
                    "barn\n"
                    "- Lokale kontaktpunkt og barnevernvakt: sjå lokal rutine"
                ),
            },
            "barnehus": {
                "role": (
                    "Statens barnehus tek imot born og unge som kan ha vore utsette for eller "
                    "vitne til vald eller seksuelle overgrep, når **politiet** har bede om "
                    "tilrettelagt avhøyr. Barnehuset samlar avhøyr, medisinsk undersøking og "
                    "oppfølging under same tak, i barnevenlege omgivnader. Barnehuset gir òg "
                    "konsultasjon og råd til fagfolk."
                ),
                "assessment": (
                    "- Politiet leier det tilrettelagde avhøyret, og tilsette ved barnehuset er "
                    "til stades for å ta vare på barnet\n"
                    "- Medisinsk undersøking (klinisk rettsmedisinsk) kan gjerast på barnehuset\n"
                    "- Etter avhøyret kartlegg barnehuset kva oppfølging barnet og familien treng, "
                    "til dømes ved traumereaksjonar"
                ),
                "measures": (
                    "- Støttesamtalar og kortvarig oppfølging og behandling etter avhøyret\n"
                    "- Koordinering, slik at barnet får vidare hjelp der det bur\n"
                    "- Informasjon til trygge omsorgspersonar om vanlege reaksjonar og kva dei kan "
                    "gjere\n"
                    "- Konsultasjon til fagfolk som er usikre på korleis dei skal gå fram"
                ),
                "evaluation": (
                    "Barnehuset følgjer opp barnet og familien ein periode etter avhøyret og "
                    "vurderer om symptoma går ned, eller om barnet treng vidare behandling. Barnet "
                    "og familien blir spurde om korleis dei opplevde forløpet."
                ),
                "collaboration": (
                    "Samarbeider med politiet, barnevernet, BUP, kommunale tenester og sjukehus. "
                    "Politiet koordinerer samrådsmøte før avhøyr med barnevernet og barnehuset. "
                    "Kva barnehus som dekkjer området ditt, og kontaktinformasjon for "
                    "konsultasjon: sjå lokal rutine."
                ),
                "referral": (
                    "Fagfolk kan ikkje tilvise born til tilrettelagt avhøyr – det er **politiet** "
                    "som avgjer og bed barnehuset om avhøyr. Bekymring skal difor sendast til "
                    "barnevernet og/eller politiet. Etter avhøyret kan barnehuset hjelpe til med "
                    "tilvising til BUP eller kommunale tenester for vidare behandling."
                ),
            },
            "bup": {
                "role": (
                    "BUP greier ut og behandlar psykiske vanskar etter vald, overgrep og "
                    "omsorgssvikt, som posttraumatisk stressliding, angst, depresjon og "
                    "tilknytingsvanskar. Målet er at barnet får god traumebehandling, og at "
                    "omsorgspersonane får hjelp til å skape tryggleik i kvardagen."
                ),
                "assessment": (
                    "- Traumescreening og kartlegging av hendingar og symptom, til dømes med CATS\n"
                    "- Vurdering av tryggleiken til barnet: Er valden over? Bur barnet saman med "
                    "nokon som har utøvd vald?\n"
                    "- Kartlegging av andre vanskar og av omsorgssituasjonen\n"
                    "- Samtale med barnet åleine, tilpassa alderen"
                ),
                "measures": (
                    "- Traumefokusert behandling med dokumentert effekt, til dømes TF-CBT, når "
                    "barnet er i trygge omgivnader\n"
                    "- Stabilisering og psykoedukasjon til barnet og omsorgspersonane\n"
                    "- Rettleiing til fosterforeldre, barnehage og skule\n"
                    "- Er tilrettelagt avhøyr ikkje gjennomført: avklar med politiet før "
                    "behandlinga går inn på sjølve hendingane, men ikkje utset naudsynt hjelp"
                ),
                "evaluation": (
                    "Bruk standardiserte mål for traumesymptom ved oppstart, undervegs og ved "
                    "avslutning, og vurder saman med barnet og omsorgspersonane om behandlinga "
                    "verkar. Blir det ikkje betre: vurder diagnose, tryggleik og tiltak på nytt."
                ),
                "collaboration": (
                    "Samarbeider med barnevernet, Statens barnehus, fastlegen, skulen og kommunale "
                    "tenester. Ved ny mistanke om vald eller overgrep har BUP sjølv "
                    "opplysningsplikt til barnevernet og må vurdere avvergingsplikta."
                ),
                "referral": (
                    "Treng barnet langvarig oppfølging i kommunen: overføring til den psykiske "
                    "helsetenesta med ein plan. Ved akutt sjølvmordsfare: vurdering av "
                    "augeblikkeleg hjelp etter lokal rutine. Når ungdommen fyller 18 år og treng "
                    "vidare behandling: planlagd overføring til DPS."
                ),
            },
        },
    },
    "needs_local_adaptation": [
        ("barnevern", "referral"),
        ("legevakt", "referral"),
        ("barnehus", "collaboration"),
        ("helsestasjon", "collaboration"),
    ],
}
