"""A chart of accounts for the demo: the functions and arts Eksempel Kommune uses.

Codes and names follow the authorised chart's pattern; the classification (service or transfer
expenditure) is what the service frame is counted from.
"""

MAIN_FUNCTIONS = [
    ("0.22", "Jordforsyning og byudvikling"), ("0.28", "Fritidsområder"),
    ("0.32", "Fritidsfaciliteter"),
    ("0.52", "Miljøbeskyttelse"), ("1.38", "Affald"), ("2.22", "Fælles funktioner"),
    ("2.28", "Kommunale veje"), ("2.32", "Busdrift"), ("3.22", "Folkeskolen m.m."),
    ("3.38", "Ungdomsuddannelser"), ("3.50", "Folkebiblioteker"), ("3.60", "Kulturel virksomhed"),
    ("3.64", "Folkeoplysning og fritidsaktiviteter"), ("4.62", "Sundhedsudgifter m.v."),
    ("5.25", "Dagtilbud til børn og unge"), ("5.28", "Tilbud til børn og unge med særlige behov"),
    ("5.30", "Tilbud til ældre"), ("5.32", "Tilbud til ældre og handicappede"),
    ("5.38", "Tilbud til voksne med særlige behov"),
    ("5.46", "Integration"), ("5.57", "Kontante ydelser"), ("5.68", "Arbejdsmarkedsforanstaltninger"),
    ("6.42", "Politisk organisation"), ("6.45", "Administrativ organisation"),
    ("6.48", "Erhvervsudvikling og reserver"),
]

FUNCTIONS = [
    ("0.22.01", "Fælles formål (byudvikling)", "service"),
    ("0.28.20", "Grønne områder og naturpladser", "service"),
    ("0.32.31", "Stadions, idrætsanlæg og svømmehaller", "service"),
    ("0.52.80", "Miljøtilsyn – virksomheder", "service"),
    ("1.38.60", "Genbrugsstationer", "forsyning"),
    ("2.22.01", "Fælles funktioner (materielgård)", "service"),
    ("2.28.11", "Vejvedligeholdelse m.v.", "service"),
    ("2.28.14", "Vintertjeneste", "service"),
    ("2.32.31", "Busdrift", "service"),
    ("3.22.01", "Folkeskoler", "service"),
    ("3.22.05", "Skolefritidsordninger", "service"),
    ("3.22.10", "Pædagogisk psykologisk rådgivning", "service"),
    ("3.38.70", "Ungdomsskolevirksomhed", "service"),
    ("3.50.40", "Folkebiblioteker", "service"),
    ("3.60.62", "Musikarrangementer", "service"),
    ("3.64.80", "Fritidsaktiviteter uden for folkeoplysningsloven", "service"),
    ("4.62.81", "Sundhedspleje", "service"),
    ("4.62.82", "Kommunal genoptræning og vedligeholdelsestræning", "service"),
    ("4.62.88", "Kommunal tandpleje", "service"),
    ("4.62.90", "Kommunal sygepleje", "service"),
    ("5.25.14", "Integrerede daginstitutioner", "service"),
    ("5.28.20", "Plejefamilier", "service"),
    ("5.28.23", "Forebyggende foranstaltninger for børn og unge", "service"),
    ("5.30.26", "Personlig og praktisk hjælp og madservice (hjemmehjælp)", "service"),
    ("5.30.27", "Pleje og omsorg mv. af ældre", "service"),
    ("5.32.33", "Forebyggende indsats for ældre og handicappede", "service"),
    ("5.32.35", "Hjælpemidler, forbrugsgoder, boligindretning og befordring", "service"),
    ("5.38.45", "Behandling af stofmisbrugere", "service"),
    ("5.38.50", "Botilbud til længerevarende ophold", "service"),
    ("5.38.52", "Botilbud til midlertidigt ophold", "service"),
    ("5.38.58", "Beskyttet beskæftigelse", "service"),
    ("5.38.59", "Aktivitets- og samværstilbud", "service"),
    ("5.46.60", "Integrationsprogram og introduktionsforløb", "overfoersel"),
    ("5.57.71", "Sygedagpenge", "overfoersel"),
    ("5.57.73", "Kontanthjælp", "overfoersel"),
    ("5.68.90", "Driftsudgifter til den kommunale beskæftigelsesindsats", "service"),
    ("6.42.41", "Kommunalbestyrelsesmedlemmer", "service"),
    ("6.45.50", "Administrationsbygninger", "service"),
    ("6.45.51", "Sekretariat og forvaltninger", "service"),
    ("6.45.52", "Fælles IT og telefoni", "service"),
    ("6.45.53", "Administration vedrørende jobcentre", "service"),
    ("6.48.67", "Reserver og budgetregulering", "service"),
]

ARTS = [
    ("1.0", "Lønninger"), ("2.2", "Fødevarer"), ("2.9", "Øvrige varekøb"), ("4.0", "Tjenesteydelser uden moms"),
    ("4.5", "Entreprenør- og håndværkerydelser"), ("4.9", "Betalinger til kommuner"),
    ("5.2", "Overførsler til personer"), ("7.1", "Egne huslejeindtægter"), ("7.2", "Salg af produkter og ydelser"),
    ("7.6", "Betalinger fra kommuner"), ("8.6", "Statsrefusion"),
]

# Which functions an area books on, found by a word in the budget holder's or unit's name.
FUNCTIONS_BY_NAME = [
    ("SFO", ["3.22.05"]), ("Skole", ["3.22.01"]), ("Dagtilbud", ["5.25.14"]), ("Børnehuset", ["5.25.14"]),
    ("Børn og Familie", ["5.28.20", "5.28.23"]), ("Plejefamilier", ["5.28.20"]), ("PPR", ["3.22.10"]),
    ("Sundhedsplejen", ["4.62.81"]), ("Tandpleje", ["4.62.88"]), ("Tandklinik", ["4.62.88"]),
    ("Ungdomsskolen", ["3.38.70"]), ("Klubber", ["3.38.70"]), ("Plejecenter", ["5.30.27"]),
    ("Hjemmeplejen", ["5.30.26"]), ("Sundhed og Myndighed", ["5.32.33", "5.32.35"]), ("Visitation", ["5.32.33"]),
    ("Hjælpemidler", ["5.32.35"]), ("Træning", ["4.62.82"]), ("Genoptræning", ["4.62.82"]),
    ("Sygeplejen", ["4.62.90"]), ("Voksenspecialenheden", ["5.38.58", "5.38.59"]), ("Bostøtte", ["5.38.52"]),
    ("Dagtilbud voksne", ["5.38.59"]), ("Botilbud", ["5.38.50"]), ("Bofællesskab", ["5.38.50"]),
    ("Nattevagt", ["5.38.50"]), ("Socialpsykiatri", ["5.38.52"]), ("Væresteder", ["5.38.59"]),
    ("Handicap og Psykiatri", ["5.38.50"]), ("Misbrug", ["5.38.45"]),
    ("forsørgelse og ydelser", ["5.57.73", "5.57.71"]), ("Integration", ["5.46.60"]), ("Sprogcenter", ["5.46.60"]),
    ("Ungeindsatsen", ["5.68.90"]), ("Vej og Park", ["2.28.11"]), ("Vejdrift", ["2.28.11"]),
    ("Vintertjeneste", ["2.28.14"]), ("Parkafdeling", ["0.28.20"]), ("Natur og Miljø", ["0.52.80"]),
    ("Miljøtilsyn", ["0.52.80"]), ("Byg og Plan", ["0.22.01"]), ("Byggesag", ["0.22.01"]),
    ("Planlægning", ["0.22.01"]), ("Kollektiv trafik", ["2.32.31"]), ("Materielgården", ["2.22.01"]),
    ("Værksted", ["2.22.01"]), ("Affald", ["1.38.60"]), ("Genbrugspladser", ["1.38.60"]),
    ("Bibliotek", ["3.50.40"]), ("Musikskolen", ["3.60.62"]), ("Kultur", ["3.64.80"]),
    ("Foreningsstøtte", ["3.64.80"]), ("Idræt", ["0.32.31"]), ("Svømmehallen", ["0.32.31"]),
    ("Kommunalbestyrelsen", ["6.42.41"]), ("Jobcenter", ["6.45.53"]), ("Sygedagpengeteamet", ["6.45.53"]),
    ("Ejendomscenter", ["6.45.50"]), ("Bygningsdrift", ["6.45.50"]), ("Rengøring", ["6.45.50"]),
    ("Digitalisering og IT", ["6.45.52"]), ("IT-drift", ["6.45.52"]), ("Digitaliseringsteamet", ["6.45.52"]),
    ("Økonomi, fællesudgifter", ["6.48.67"]), ("Demografipuljer", ["6.48.67"]),
]
DEFAULT_FUNCTIONS = ["6.45.51"]
TRANSFER_FUNCTIONS = {code for code, _, kind in FUNCTIONS if kind == "overfoersel"}


def functions_for(*names: str) -> list[str]:
    """The functions of the first name (the unit's own, then its area's) that says anything."""
    for name in names:
        for word, codes in FUNCTIONS_BY_NAME:
            if word.lower() in name.lower():
                return codes
    return DEFAULT_FUNCTIONS


def chart_csv() -> bytes:
    lines = ["niveau;kode;navn;klassifikation"]
    lines += [f"hovedfunktion;{code};{name};" for code, name in MAIN_FUNCTIONS]
    lines += [f"funktion;{code};{name};{kind}" for code, name, kind in FUNCTIONS]
    lines += [f"art;{code};{name};" for code, name in ARTS]
    return ("\n".join(lines) + "\n").encode("utf-8")
