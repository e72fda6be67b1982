# ruff: noqa: E501
"""Demo pathway: angst (bokmål and nynorsk)."""

PATHWAY = {
    "slug": "angst",
    "title": "Angst",
    "title_nn": "Angst",
    "summary": "Forløp for barn og unge med angstplager, fra tidlig hjelp i helsestasjon og skole til behandling i BUP. Målet er at barnet får riktig hjelp på lavest mulig nivå, og at tjenestene trekker i samme retning.",
    "target_group": "Barn og unge 0–18 år med angst, engstelse eller unngåelse som hemmer hverdagen, og foreldrene deres.",
    "summary_nn": (
        "Forløp for born og unge med angstplager, frå tidleg hjelp på helsestasjonen og i "
        "skulen til behandling i BUP. Målet er at barnet får rett hjelp på lågast mogleg nivå, "
        "og at tenestene dreg i same retning."
    ),
    "target_group_nn": (
        "Born og unge 0–18 år med angst, engsting eller unngåing som hemmar kvardagen, og "
        "foreldra deira."
    ),
    "status": "published",
    "service_types": [
        "helsestasjon",
        "skole",
        "fastlege",
        "psykisk-helse-kommune",
        "kommunepsykolog",
        "ppt",
        "bup",
    ],
    "texts": {
        "nb": {
            "helsestasjon": {
                "role": "Helsestasjon og skolehelsetjeneste er et lavterskeltilbud der barn, unge og foreldre kan ta opp bekymringer uten henvisning. Helsesykepleier er ofte den første som hører om søvnvansker, vondt i magen før skolen eller at barnet unngår sosiale situasjoner. Tjenesten skal fange opp angst tidlig og gi hjelp før plagene setter seg.",
                "assessment": "Helsesykepleier kartlegger i samtale med barnet og foreldrene:\n\n- hva barnet er redd for, og hvor lenge plagene har vart\n- hvordan angsten påvirker søvn, skole, venner og fritid\n- kroppslige plager, og om fastlegen bør se barnet\n- belastninger i familien eller på skolen\n\nSnakk også med barnet alene. Fra 8 år kan et kartleggingsskjema som SCARED være til hjelp.",
                "measures": "Ved lette plager gir helsesykepleier **psykoedukasjon** om angst og råd til foreldrene om å støtte barnet i å møte det som er skummelt, i små trinn. Noen få støttesamtaler med fast avtalt oppfølging er ofte nok. Tips familien om trygg informasjon, for eksempel på [helsenorge.no](https://www.helsenorge.no).",
                "evaluation": "Avtal en ny samtale etter 4–6 uker. Spør barnet og foreldrene om hverdagen er blitt lettere: Er barnet mer på skolen, sover det bedre, gjør det mer av det det før unngikk? Er det ingen bedring, eller blir plagene verre, skal saken drøftes videre.",
                "collaboration": "Med samtykke fra foreldrene, og fra ungdommen selv når den er over 16 år, samarbeider helsesykepleier med kontaktlærer om tilrettelegging på skolen. Barnets mening skal høres fra det er gammelt nok til å ha egne synspunkter. Stafettloggen brukes når flere tjenester er involvert, slik at familien slipper å fortelle historien sin på nytt.",
                "referral": "Ved moderate plager, eller når rådene ikke har hjulpet, henvises barnet til kommunens psykiske helsetjeneste for barn og unge. Ved mistanke om somatisk sykdom, eller når spesialisthelsetjenesten kan bli aktuell, bes foreldrene kontakte fastlegen. Ved bekymring for omsorgssituasjonen gjelder **opplysningsplikten til barnevernet**.",
            },
            "skole": {
                "role": "Skolen ser eleven hver dag og merker ofte angst som fravær, vondt i magen, stillhet i timene eller at eleven unngår muntlige oppgaver og friminutt. Skolen har ansvar for et trygt og godt skolemiljø og skal handle raskt når en elev ikke har det bra.",
                "assessment": "Kontaktlærer noterer mønstre i fravær og hvilke situasjoner eleven strever i, og tar en samtale med eleven og foreldrene. Hør hva eleven selv mener gjør skoledagen vanskelig. Vurder om det kan handle om mobbing eller andre forhold i skolemiljøet, som skolen har aktivitetsplikt for.",
                "measures": "Skolen legger til rette for at eleven gradvis kan delta mer, i samarbeid med eleven og foreldrene. Eksempler:\n\n- en fast voksen eleven kan gå til\n- muntlige oppgaver i mindre grupper først\n- en avtalt plan for fravær og for å komme tilbake\n\nTilretteleggingen skrives inn i stafettloggen.",
                "evaluation": "Kontaktlærer følger fravær og deltakelse hver uke og evaluerer tiltakene med eleven og foreldrene etter en måned. Øker fraværet, eller strever eleven mer, tar skolen det straks opp med foreldrene og skolehelsetjenesten.",
                "collaboration": "Skolen samarbeider tett med skolehelsetjenesten og, når det trengs, med PPT. Med samtykke kan skolen delta i møter med psykisk helsetjeneste eller BUP, slik at tiltak hjemme, på skolen og i behandlingen trekker i samme retning.",
                "referral": "Ved bekymring for elevens psykiske helse oppfordres eleven og foreldrene til å kontakte skolehelsetjenesten, eller skolen tar kontakt med samtykke. Når eleven kan trenge spesialundervisning, henvises saken til PPT. Ved bekymring for omsorgen har skolen **opplysningsplikt til barnevernet**.",
            },
            "fastlege": {
                "role": "Fastlegen er ofte kontaktpunktet når angsten gir kroppslige plager som hodepine, magesmerter eller hjertebank. Fastlegen ser helheten, utelukker somatiske årsaker og er den som vanligvis henviser til BUP.",
                "assessment": "Ta opp sykehistorie og gjør en klinisk undersøkelse for å utelukke somatiske årsaker, som stoffskiftesykdom eller astma. Spør om varighet, funksjon hjemme og på skolen, søvn, rus hos eldre ungdom og selvmordstanker. Snakk med barnet og foreldrene hver for seg når barnet er gammelt nok.",
                "measures": "Forklar barnet og foreldrene sammenhengen mellom angst og kroppslige symptomer, og gi råd om søvn, fysisk aktivitet og om å ikke unngå det som er skummelt. Legemidler er sjelden førstevalg hos barn og startes normalt ikke uten vurdering i spesialisthelsetjenesten.",
                "evaluation": "Avtal kontroll etter 4–8 uker. Vurder sammen med familien om plagene og funksjonen er blitt bedre, og om de kommunale tiltakene er kommet i gang.",
                "collaboration": "Fastlegen samarbeider med helsestasjon og skolehelsetjeneste og med kommunens psykiske helsetjeneste, med samtykke fra familien. Er barnet i behandling i BUP, får fastlegen epikrise og har ansvaret for den somatiske oppfølgingen.",
                "referral": "Fastlegen henviser til BUP når angsten gir betydelig funksjonstap, når kommunale tiltak over tid ikke har hjulpet, eller ved mistanke om alvorlig tilleggslidelse. Henvisningen skal beskrive varighet, funksjon, tiltak som er prøvd og familiens eget ønske. Ved akutt selvmordsfare kontaktes BUP eller legevakt samme dag.",
            },
            "psykisk-helse-kommune": {
                "role": "Kommunens psykiske helsetjeneste for barn og unge, ofte organisert i et familiesenter, gir hjelp ved lette til moderate angstplager. Tjenesten er et mellomledd mellom helsestasjonen og BUP og kan som regel gi hjelp raskt, uten lang ventetid.",
                "assessment": "Tjenesten gjør en strukturert kartlegging i samtaler med barnet og foreldrene, gjerne med standardiserte skjema som SCARED eller RCADS. Kartleggingen skal avklare hvor mye angsten hemmer hverdagen, om det finnes andre vansker, og hva familien selv ønsker hjelp til.",
                "measures": "Tiltakene bygger på kognitiv atferdsterapi tilpasset alder:\n\n- psykoedukasjon for barn og foreldre\n- gradvis eksponering etter en felles plan\n- foreldreveiledning i å støtte mestring framfor å skjerme\n- gruppekurs der det finnes lokalt\n\nEt forløp er typisk 6–12 samtaler.",
                "evaluation": "Gjenta kartleggingsskjemaet ved oppstart, underveis og ved avslutning, og be barnet og foreldrene om tilbakemelding etter hver samtale. Er det ikke tydelig bedring etter 8–10 samtaler, vurderes tiltaket på nytt sammen med familien.",
                "collaboration": "Tjenesten samarbeider med skolen om eksponering i skolehverdagen, og med helsesykepleier, fastlege og kommunepsykolog. Trenger barnet langvarige og koordinerte tjenester, vurderes **individuell plan** og koordinator. Ansvarsgruppe avtales med familien.",
                "referral": "Når angsten er alvorlig, eller behandlingen i kommunen ikke har ført fram, drøftes saken med fastlegen med tanke på henvisning til BUP. Mange BUP-er tilbyr drøftingsmøter før henvisning. Ved avslutning får familien vite hvem de kan kontakte hvis plagene kommer tilbake.",
            },
            "kommunepsykolog": {
                "role": "Kommunepsykologen behandler barn og unge med angst som trenger mer enn de andre kommunale tjenestene kan gi, og veileder helsesykepleiere, lærere og ansatte i familiesenteret. Psykologen bidrar også til at kommunen tar i bruk kunnskapsbaserte metoder.",
                "assessment": "Kommunepsykologen gjør en grundigere vurdering når bildet er uklart: hvilken type angst det dreier seg om, om det er tegn på depresjon, traumer eller nevroutviklingsforstyrrelser, og om barnet bør henvises til spesialisthelsetjenesten.",
                "measures": "Individuell kognitiv atferdsterapi for barn og ungdom, med foreldrene aktivt med. Psykologen kan også lede gruppetilbud og veilede de voksne rundt barnet, slik at eksponering og mestring følges opp i hverdagen.",
                "evaluation": "Behandlingen evalueres med standardiserte mål ved start og avslutning, og i jevnlige samtaler med barnet og foreldrene om målene de har satt sammen. Uteblir framgangen etter en avtalt periode, vurderes nivå og tiltak på nytt.",
                "collaboration": "Kommunepsykologen deltar i tverrfaglige team og drøftingsmøter i kommunen, og samarbeider med BUP om barn som venter på eller avslutter spesialistbehandling. Veiledning av andre tjenester skjer anonymt når familien ikke har gitt samtykke.",
                "referral": "Ved alvorlig angst, tvangslidelse eller behov for spesialisert utredning anbefaler kommunepsykologen henvisning til BUP, fra psykologen selv eller fra fastlegen etter lokal avtale. Henvisningen beskriver behandlingen som er gitt, og hvilken effekt den har hatt.",
            },
            "ppt": {
                "role": "PPT kommer inn når angsten henger sammen med lærevansker, eller når eleven trenger særskilt tilrettelegging for å klare skolen. PPT veileder også barnehager og skoler i hvordan de kan møte barn med angst.",
                "assessment": "Etter henvisning fra skolen, med samtykke fra foreldrene, utreder PPT elevens læring og skolesituasjon. Uoppdagede lærevansker, språkvansker eller et krevende læringsmiljø kan bidra til at eleven unngår skolen, og må vurderes.",
                "measures": "PPT skriver sakkyndig vurdering når eleven kan ha behov for spesialundervisning, og gir råd om tilpasninger i undervisningen. PPT kan også hjelpe lærerne med å lage en gradvis plan for økt deltakelse.",
                "evaluation": "PPT følger opp den sakkyndige vurderingen og deltar i evalueringen av tiltakene, gjerne i møte med skolen, eleven og foreldrene hvert halvår, eller oftere ved høyt fravær.",
                "collaboration": "PPT samarbeider med skole, skolehelsetjeneste og psykisk helsetjeneste, og med BUP når eleven er i behandling der. PPT er gjerne med i ansvarsgruppen når eleven har individuell plan.",
                "referral": "Mistenker PPT at eleven har en psykisk lidelse som trenger behandling, anbefales foreldrene å kontakte fastlegen eller skolehelsetjenesten. PPT kan også be om et drøftingsmøte med BUP.",
            },
            "bup": {
                "role": "BUP utreder og behandler barn og unge med alvorlig angst, eller angst som ikke er blitt bedre av tiltakene i kommunen. BUP veileder også de kommunale tjenestene. Arbeidet følger pakkeforløp for psykisk helse og rus for barn og unge.",
                "assessment": "BUP gjør en helhetlig utredning etter pakkeforløpet: samtaler med barnet og foreldrene, standardiserte intervju og skjema, og opplysninger fra skole og andre tjenester når familien samtykker. Utredningen avklarer diagnose, tilleggsvansker og hva barnet og familien ønsker å oppnå.",
                "measures": "Behandlingen er kunnskapsbasert, som regel kognitiv atferdsterapi med eksponering, individuelt eller i gruppe, med foreldrene aktivt med. Ved alvorlige eller langvarige plager kan legemidler vurderes i tillegg. Behandlingsplanen lages sammen med barnet og familien.",
                "evaluation": "Effekten måles jevnlig med standardiserte skjema og drøftes med barnet og foreldrene i **evalueringssamtaler**, slik pakkeforløpet beskriver. Uteblir bedringen, justeres behandlingen eller intensiteten økes.",
                "collaboration": "BUP samarbeider med skolen og de kommunale tjenestene om tiltak i hverdagen, med samtykke. Behandleren deltar i ansvarsgruppe ved behov, og kommunen kan få veiledning underveis. Forløpskoordinatoren sørger for at familien vet hvem de skal kontakte.",
                "referral": "Ved avslutning lages en plan for videre oppfølging i kommunen. Planen sendes fastlegen og, med samtykke, den kommunale tjenesten som skal følge opp. Trenger barnet innleggelse eller døgnbehandling, henviser BUP videre i spesialisthelsetjenesten.",
            },
        },
        "nn": {
            "helsestasjon": {
                "role": "Helsestasjon og skulehelseteneste er eit lågterskeltilbod der barn, unge og foreldre kan ta opp uro utan tilvising. Helsesjukepleiaren er ofte den første som høyrer om søvnvanskar, vondt i magen før skulen eller at barnet unngår sosiale situasjonar. Tenesta skal fange opp angst tidleg og gje hjelp før plagene set seg.",
                "assessment": "Helsesjukepleiaren kartlegg i samtale med barnet og foreldra:\n\n- kva barnet er redd for, og kor lenge plagene har vart\n- korleis angsten påverkar søvn, skule, vener og fritid\n- kroppslege plager, og om fastlegen bør sjå barnet\n- belastningar i familien eller på skulen\n\nSnakk òg med barnet åleine. Frå 8 år kan eit kartleggingsskjema som SCARED vere til hjelp.",
                "measures": "Ved lette plager gjev helsesjukepleiaren **psykoedukasjon** om angst og råd til foreldra om å støtte barnet i å møte det som er skummelt, i små steg. Nokre få støttesamtalar med fast avtalt oppfølging er ofte nok. Tips familien om trygg informasjon, til dømes på [helsenorge.no](https://www.helsenorge.no).",
                "evaluation": "Avtal ein ny samtale etter 4–6 veker. Spør barnet og foreldra om kvardagen har vorte lettare: Er barnet meir på skulen, søv det betre, gjer det meir av det det før unngjekk? Er det inga betring, eller vert plagene verre, skal saka drøftast vidare.",
                "collaboration": "Med samtykke frå foreldra, og frå ungdomen sjølv når han eller ho er over 16 år, samarbeider helsesjukepleiaren med kontaktlæraren om tilrettelegging på skulen. Meininga til barnet skal høyrast frå det er gammalt nok til å ha eigne synspunkt. Stafettloggen vert brukt når fleire tenester er involverte, slik at familien slepp å fortelje historia si på nytt.",
                "referral": "Ved moderate plager, eller når råda ikkje har hjelpt, vert barnet tilvist til den psykiske helsetenesta for barn og unge i kommunen. Ved mistanke om somatisk sjukdom, eller når spesialisthelsetenesta kan bli aktuell, vert foreldra bedne om å kontakte fastlegen. Ved uro for omsorgssituasjonen gjeld **opplysningsplikta til barnevernet**.",
            },
            "skole": {
                "role": "Skulen ser eleven kvar dag og merkar ofte angst som fråvær, vondt i magen, at eleven er stille i timane eller unngår munnlege oppgåver og friminutt. Skulen har ansvar for eit trygt og godt skulemiljø og skal handle raskt når ein elev ikkje har det bra.",
                "assessment": "Kontaktlæraren noterer mønster i fråvær og kva situasjonar eleven strevar i, og tek ein samtale med eleven og foreldra. Høyr kva eleven sjølv meiner gjer skuledagen vanskeleg. Vurder om det kan handle om mobbing eller andre forhold i skulemiljøet, som skulen har aktivitetsplikt for.",
                "measures": "Skulen legg til rette for at eleven gradvis kan delta meir, i samarbeid med eleven og foreldra. Døme:\n\n- ein fast vaksen eleven kan gå til\n- munnlege oppgåver i mindre grupper først\n- ein avtalt plan for fråvær og for å kome tilbake\n\nTilrettelegginga vert skriven inn i stafettloggen.",
                "evaluation": "Kontaktlæraren følgjer fråvær og deltaking kvar veke og evaluerer tiltaka med eleven og foreldra etter ein månad. Aukar fråværet, eller strevar eleven meir, tek skulen det straks opp med foreldra og skulehelsetenesta.",
                "collaboration": "Skulen samarbeider tett med skulehelsetenesta og, når det trengst, med PPT. Med samtykke kan skulen delta i møte med psykisk helseteneste eller BUP, slik at tiltak heime, på skulen og i behandlinga dreg i same retning.",
                "referral": "Ved uro for den psykiske helsa til eleven vert eleven og foreldra oppmoda om å kontakte skulehelsetenesta, eller skulen tek kontakt med samtykke. Når eleven kan trenge spesialundervisning, vert saka tilvist til PPT. Ved uro for omsorga har skulen **opplysningsplikt til barnevernet**.",
            },
            "fastlege": {
                "role": "Fastlegen er ofte kontaktpunktet når angsten gjev kroppslege plager som hovudverk, magesmerter eller hjartebank. Fastlegen ser heilskapen, utelukkar somatiske årsaker og er vanlegvis den som tilviser til BUP.",
                "assessment": "Ta opp sjukehistorie og gjer ei klinisk undersøking for å utelukke somatiske årsaker, som stoffskiftesjukdom eller astma. Spør om varigheit, funksjon heime og på skulen, søvn, rus hjå eldre ungdom og sjølvmordstankar. Snakk med barnet og foreldra kvar for seg når barnet er gammalt nok.",
                "measures": "Forklar barnet og foreldra samanhengen mellom angst og kroppslege symptom, og gje råd om søvn, fysisk aktivitet og om å ikkje unngå det som er skummelt. Legemiddel er sjeldan førsteval hjå barn og vert normalt ikkje starta utan vurdering i spesialisthelsetenesta.",
                "evaluation": "Avtal kontroll etter 4–8 veker. Vurder saman med familien om plagene og funksjonen har vorte betre, og om dei kommunale tiltaka har kome i gang.",
                "collaboration": "Fastlegen samarbeider med helsestasjon og skulehelseteneste og med den psykiske helsetenesta i kommunen, med samtykke frå familien. Er barnet i behandling i BUP, får fastlegen epikrise og har ansvaret for den somatiske oppfølginga.",
                "referral": "Fastlegen tilviser til BUP når angsten gjev monaleg funksjonstap, når kommunale tiltak over tid ikkje har hjelpt, eller ved mistanke om alvorleg tilleggsliding. Tilvisinga skal skildre varigheit, funksjon, tiltak som er prøvde og kva familien sjølv ønskjer. Ved akutt sjølvmordsfare skal BUP eller legevakta kontaktast same dag.",
            },
            "psykisk-helse-kommune": {
                "role": "Den psykiske helsetenesta for barn og unge i kommunen, ofte organisert i eit familiesenter, gjev hjelp ved lette til moderate angstplager. Tenesta er eit mellomledd mellom helsestasjonen og BUP og kan som regel gje hjelp raskt, utan lang ventetid.",
                "assessment": "Tenesta gjer ei strukturert kartlegging i samtalar med barnet og foreldra, gjerne med standardiserte skjema som SCARED eller RCADS. Kartlegginga skal avklare kor mykje angsten hemmar kvardagen, om det finst andre vanskar, og kva familien sjølv ønskjer hjelp til.",
                "measures": "Tiltaka byggjer på kognitiv åtferdsterapi tilpassa alder:\n\n- psykoedukasjon for barn og foreldre\n- gradvis eksponering etter ein felles plan\n- foreldrerettleiing i å støtte meistring framfor å skjerme\n- gruppekurs der det finst lokalt\n\nEit forløp er typisk 6–12 samtalar.",
                "evaluation": "Gjenta kartleggingsskjemaet ved oppstart, undervegs og ved avslutning, og be barnet og foreldra om tilbakemelding etter kvar samtale. Er det ikkje tydeleg betring etter 8–10 samtalar, vert tiltaket vurdert på nytt saman med familien.",
                "collaboration": "Tenesta samarbeider med skulen om eksponering i skulekvardagen, og med helsesjukepleiar, fastlege og kommunepsykolog. Treng barnet langvarige og koordinerte tenester, vert **individuell plan** og koordinator vurderte. Ansvarsgruppe vert avtalt med familien.",
                "referral": "Når angsten er alvorleg, eller behandlinga i kommunen ikkje har ført fram, vert saka drøfta med fastlegen med tanke på tilvising til BUP. Mange BUP-ar tilbyr drøftingsmøte før tilvising. Ved avslutning får familien vite kven dei kan kontakte dersom plagene kjem tilbake.",
            },
            "kommunepsykolog": {
                "role": "Kommunepsykologen behandlar barn og unge med angst som treng meir enn dei andre kommunale tenestene kan gje, og rettleier helsesjukepleiarar, lærarar og tilsette i familiesenteret. Psykologen bidreg òg til at kommunen tek i bruk kunnskapsbaserte metodar.",
                "assessment": "Kommunepsykologen gjer ei grundigare vurdering når biletet er uklart: kva type angst det dreier seg om, om det er teikn på depresjon, traume eller nevroutviklingsforstyrringar, og om barnet bør tilvisast til spesialisthelsetenesta.",
                "measures": "Individuell kognitiv åtferdsterapi for barn og ungdom, med foreldra aktivt med. Psykologen kan òg leie grupper og rettleie dei vaksne rundt barnet, slik at eksponering og meistring vert følgde opp i kvardagen.",
                "evaluation": "Behandlinga vert evaluert med standardiserte mål ved start og avslutning, og i jamlege samtalar med barnet og foreldra om måla dei har sett saman. Kjem det ikkje framgang etter ein avtalt periode, vert nivå og tiltak vurderte på nytt.",
                "collaboration": "Kommunepsykologen deltek i tverrfaglege team og drøftingsmøte i kommunen, og samarbeider med BUP om barn som ventar på eller avsluttar spesialistbehandling. Rettleiing av andre tenester skjer anonymt når familien ikkje har gjeve samtykke.",
                "referral": "Ved alvorleg angst, tvangsliding eller behov for spesialisert utgreiing tilrår kommunepsykologen tilvising til BUP, frå psykologen sjølv eller frå fastlegen etter lokal avtale. Tilvisinga skildrar behandlinga som er gjeven, og kva effekt ho har hatt.",
            },
            "ppt": {
                "role": "PPT kjem inn når angsten heng saman med lærevanskar, eller når eleven treng særskild tilrettelegging for å klare skulen. PPT rettleier òg barnehagar og skular i korleis dei kan møte barn med angst.",
                "assessment": "Etter tilvising frå skulen, med samtykke frå foreldra, greier PPT ut læringa og skulesituasjonen til eleven. Uoppdaga lærevanskar, språkvanskar eller eit krevjande læringsmiljø kan bidra til at eleven unngår skulen, og må vurderast.",
                "measures": "PPT skriv sakkunnig vurdering når eleven kan ha behov for spesialundervisning, og gjev råd om tilpassingar i undervisninga. PPT kan òg hjelpe lærarane med å lage ein gradvis plan for auka deltaking.",
                "evaluation": "PPT følgjer opp den sakkunnige vurderinga og deltek i evalueringa av tiltaka, gjerne i møte med skulen, eleven og foreldra kvart halvår, eller oftare ved høgt fråvær.",
                "collaboration": "PPT samarbeider med skule, skulehelseteneste og psykisk helseteneste, og med BUP når eleven er i behandling der. PPT er gjerne med i ansvarsgruppa når eleven har individuell plan.",
                "referral": "Mistenkjer PPT at eleven har ei psykisk liding som treng behandling, vert foreldra rådde til å kontakte fastlegen eller skulehelsetenesta. PPT kan òg be om eit drøftingsmøte med BUP.",
            },
            "bup": {
                "role": "BUP greier ut og behandlar barn og unge med alvorleg angst, eller angst som ikkje har vorte betre av tiltaka i kommunen. BUP rettleier òg dei kommunale tenestene. Arbeidet følgjer pakkeforløp for psykisk helse og rus for barn og unge.",
                "assessment": "BUP gjer ei heilskapleg utgreiing etter pakkeforløpet: samtalar med barnet og foreldra, standardiserte intervju og skjema, og opplysningar frå skule og andre tenester når familien samtykkjer. Utgreiinga avklarer diagnose, tilleggsvanskar og kva barnet og familien ønskjer å oppnå.",
                "measures": "Behandlinga er kunnskapsbasert, som regel kognitiv åtferdsterapi med eksponering, individuelt eller i gruppe, med foreldra aktivt med. Ved alvorlege eller langvarige plager kan legemiddel vurderast i tillegg. Behandlingsplanen vert laga saman med barnet og familien.",
                "evaluation": "Effekten vert målt jamleg med standardiserte skjema og drøfta med barnet og foreldra i **evalueringssamtalar**, slik pakkeforløpet skildrar. Kjem det ikkje betring, vert behandlinga justert eller intensiteten auka.",
                "collaboration": "BUP samarbeider med skulen og dei kommunale tenestene om tiltak i kvardagen, med samtykke. Behandlaren deltek i ansvarsgruppe ved behov, og kommunen kan få rettleiing undervegs. Forløpskoordinatoren syter for at familien veit kven dei skal kontakte.",
                "referral": "Ved avslutning vert det laga ein plan for vidare oppfølging i kommunen. Planen vert send til fastlegen og, med samtykke, til den kommunale tenesta som skal følgje opp. Treng barnet innlegging eller døgnbehandling, tilviser BUP vidare i spesialisthelsetenesta.",
            },
        },
    },
    "needs_local_adaptation": [
        ("helsestasjon", "referral"),
        ("psykisk-helse-kommune", "measures"),
        ("psykisk-helse-kommune", "referral"),
        ("kommunepsykolog", "referral"),
        ("bup", "referral"),
    ],
}
