# ruff: noqa: E501
"""The relevance set: queries over the demo data and the hits a person expects at the top.

Written by hand from the demo texts (app/demo/pathways/*, app/demo/overrides.py,
app/demo/places.py). A section is `pathway/service_type/section`; a unit `unit:Name`; a
service type `type:code`. `expect` lists what should be in the top five (all of it when
fewer than five); an empty `expect` says nothing at all may be found there.
"""

from typing import NamedTuple

A, D, S, U, AU, V, B = (
    "angst",
    "tristhet-og-depresjon",
    "spisevansker",
    "oppmerksomhetsvansker-og-uro",
    "autismespekterforstyrrelser",
    "vold-overgrep-omsorgssvikt",
    "bekymring-barn-0-3",
)


class Case(NamedTuple):
    code: str
    lang: str
    q: str
    expect: tuple[str, ...]
    why: str


# One line a case reads best as a table.
# fmt: off
CASES: tuple[Case, ...] = (
    # --- a word as written -------------------------------------------------------------
    Case("4601", "nb", "SCARED", (f"{A}/helsestasjon/assessment", f"{A}/psykisk-helse-kommune/assessment"), "a named questionnaire"),
    Case("4601", "nb", "stafettloggen", (f"{A}/helsestasjon/collaboration", f"{A}/skole/measures", f"{D}/helsestasjon/collaboration", f"{U}/barnehage/collaboration", f"{B}/helsestasjon/measures"), "a tool every service uses"),
    Case("4601", "nb", "psykoedukasjon", (f"{A}/helsestasjon/measures", f"{A}/psykisk-helse-kommune/measures", f"{AU}/bup/measures", f"{U}/bup/measures", f"{V}/bup/measures"), "a measure"),
    Case("4601", "nb", "eksponering", (f"{A}/psykisk-helse-kommune/measures", f"{A}/kommunepsykolog/measures", f"{A}/bup/measures", f"{A}/psykisk-helse-kommune/collaboration"), "a treatment"),
    Case("4601", "nb", "ADHD", (f"{U}/bup/role", f"{U}/helsestasjon/referral", f"{U}/ppt/referral", f"{U}/psykisk-helse-kommune/referral"), "an abbreviation"),
    Case("4601", "nb", "traumefokusert behandling", (f"{V}/bup/measures",), "two words, one section"),
    Case("4601", "nb", "drøftingsmøte", (f"{A}/psykisk-helse-kommune/referral", f"{A}/ppt/referral", f"{A}/kommunepsykolog/collaboration"), "singular of drøftingsmøter"),
    Case("4601", "nb", "kartleggingsskjema", (f"{A}/helsestasjon/assessment", f"{A}/psykisk-helse-kommune/evaluation"), "compound, also inflected"),
    Case("4601", "nb", "barnehus", (f"{V}/barnehus/role", f"{V}/barnehus/assessment", f"{V}/barnehus/referral", f"{V}/barnehus/collaboration"), "the service named"),
    Case("4601", "nb", "tvangslidelse", (f"{A}/kommunepsykolog/referral",), "a rare word"),
    Case("4601", "nb", "vekttap", (f"{S}/helsestasjon/referral",), "a symptom"),
    Case("4601", "nb", "selvmordsfare legevakt", (f"{D}/legevakt/referral", f"{D}/legevakt/assessment"), "two words, the service named"),
    Case("4601", "nb", "melding til barnevernet", (f"{V}/skole/referral", f"{V}/helsestasjon/referral", f"{V}/fastlege/referral", f"{V}/barnehage/referral"), "a stop word in a phrase"),
    Case("4601", "nb", "Marte Meo", (f"{B}/psykisk-helse-kommune/measures",), "a method's name"),
    Case("4601", "nb", "ICDP", (f"{B}/psykisk-helse-kommune/measures", f"{B}/helsestasjon/measures"), "a programme's abbreviation"),
    # --- inflections --------------------------------------------------------------------
    Case("4601", "nb", "henvisningen til habilitering", (f"{AU}/fastlege/referral", f"{AU}/bup/referral", f"{U}/bup/referral"), "inflected, and a prefix of habiliteringstjenesten"),
    Case("4601", "nb", "spiseforstyrrelser", (f"{S}/bup/role", f"{S}/brukerorganisasjon/role"), "plural"),
    Case("4601", "nb", "individuell plan", (f"{A}/psykisk-helse-kommune/collaboration", f"{D}/psykisk-helse-kommune/collaboration", f"{S}/psykisk-helse-kommune/collaboration", f"{U}/psykisk-helse-kommune/collaboration"), "a legal term"),
    # --- compounds (a word finds longer words it begins) ----------------------------------
    Case("4601", "nb", "stafett", (f"{A}/helsestasjon/collaboration", f"{A}/skole/measures", f"{D}/helsestasjon/collaboration"), "prefix of stafettlogg"),
    Case("4601", "nb", "traume", (f"{V}/bup/measures", f"{V}/bup/assessment"), "prefix of traumefokusert, traumescreening"),
    Case("4601", "nb", "tvang", (f"{A}/kommunepsykolog/referral",), "prefix of tvangslidelse"),
    # --- typos ---------------------------------------------------------------------------
    Case("4601", "nb", "psykoedukasjn", (f"{A}/helsestasjon/measures", f"{A}/psykisk-helse-kommune/measures"), "a letter missing"),
    Case("4601", "nb", "stafetloggen", (f"{A}/helsestasjon/collaboration", f"{A}/skole/measures"), "a double letter single"),
    Case("4601", "nb", "eksponerng", (f"{A}/psykisk-helse-kommune/measures", f"{A}/kommunepsykolog/measures"), "a letter missing"),
    # --- bokmål and nynorsk ----------------------------------------------------------------
    Case("4640", "nn", "tilvising BUP", (f"{A}/fastlege/referral", f"{A}/psykisk-helse-kommune/referral", f"{A}/kommunepsykolog/referral"), "nn word, nn texts"),
    Case("4640", "nn", "henvisning til BUP", (f"{A}/fastlege/referral", f"{A}/psykisk-helse-kommune/referral", f"{A}/kommunepsykolog/referral"), "nb word finds nn texts"),
    Case("4601", "nb", "tilvising til BUP", (f"{A}/fastlege/referral", f"{A}/psykisk-helse-kommune/referral", f"{A}/kommunepsykolog/referral"), "nn word finds nb texts"),
    Case("4640", "nn", "tvangsliding", (f"{A}/kommunepsykolog/referral",), "nn form of tvangslidelse"),
    Case("4640", "nn", "utgreiing", (f"{A}/bup/assessment",), "nn word"),
    Case("4640", "nn", "tilrettelagt avhøyr", (f"{V}/barnehus/role", f"{V}/barnehus/referral"), "nn spelling"),
    Case("4640", "nn", "skulehelsetenesta", (f"{A}/helsestasjon/role",), "nn compound"),
    # --- a locality's own overrides ----------------------------------------------------------
    Case("4601", "nb", "Modige barn", (f"{A}/psykisk-helse-kommune/measures",), "Bergen's own append"),
    Case("4624", "nb", "Modige barn", (), "Bergen's append is not Bjørnafjorden's"),
    Case("4601", "nb", "felles inntak", (f"{A}/bup/referral",), "the health community's append"),
    Case("1106", "nb", "felles inntak", (), "another health community"),
    Case("4640", "nn", "Sogndal kopi", (f"{A}/helsestasjon/referral",), "Sogndal's nn append"),
    Case("4636", "nn", "kommunepsykolog tvangsliding", (), "hidden in Solund"),
    # --- units and service types -------------------------------------------------------------
    Case("4601", "nb", "Bergenhus", ("unit:Familiesenteret i Bergenhus",), "a unit's name"),
    Case("4636", "nb", "helsestasjon Solund", ("unit:Solund helsestasjon",), "a unit of the municipality"),
    Case("4601", "nb", "BUP Bergen", ("unit:BUP Bergen (Helse Bergen)",), "the community's unit"),
)
# fmt: on
