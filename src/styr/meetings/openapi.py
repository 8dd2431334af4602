"""The OpenAPI 3.1 description of Styr's OParl API, written by hand and kept accurate by a test that
checks every API response's top-level keys against the schemas here."""

URL = {"type": "string", "format": "uri"}
URLS = {"type": "array", "items": URL}
TEXT = {"type": "string"}
STAMP = {"type": "string", "format": "date-time"}


def _object(type_name: str, required: list[str], properties: dict) -> dict:
    return {"type": "object", "required": ["id", "type", *required],
            "properties": {"id": URL, "type": {"const": f"https://schema.oparl.org/1.1/{type_name}"}, **properties},
            "additionalProperties": False}


def _ref(name: str) -> dict:
    return {"$ref": f"#/components/schemas/{name}"}


SCHEMAS = {
    "System": _object("System", ["oparlVersion", "body"], {
        "oparlVersion": URL, "otherOparlVersions": URLS, "body": URL, "name": TEXT, "product": TEXT, "website": URL}),
    "Body": _object("Body", ["name", "organization", "person", "meeting", "paper", "legislativeTerm"], {
        "system": URL, "name": TEXT, "shortName": TEXT, "organization": URL, "person": URL, "meeting": URL,
        "paper": URL, "agendaItem": URL, "consultation": URL, "file": URL,
        "legislativeTerm": {"type": "array", "items": {"type": "object"}}}),
    "Organization": _object("Organization", ["body", "name"], {
        "body": URL, "name": TEXT, "organizationType": TEXT, "classification": TEXT, "meeting": URL,
        "member": URLS,
        "calendar": {**URL, "description": "iCalendar-feed (RFC 5545) med forummets offentlige møder"}}),
    "Person": _object("Person", ["name"], {"body": URL, "name": TEXT}),
    "Location": _object("Location", [], {"description": TEXT, "meeting": URLS}),
    "File": _object("File", ["accessUrl"], {
        "name": TEXT, "fileName": TEXT, "mimeType": TEXT, "size": {"type": "integer"}, "accessUrl": URL,
        "downloadUrl": URL, "meeting": URLS, "agendaItem": URLS, "created": STAMP}),
    "AgendaItem": _object("AgendaItem", ["meeting", "number", "order", "name", "public"], {
        "meeting": URL, "number": TEXT, "order": {"type": "integer"}, "name": TEXT,
        "public": {"type": "boolean", "description": "false: et lukket punkt; kun nummer og titel vises"},
        "consultation": URL, "result": TEXT, "resolutionText": TEXT,
        "auxiliaryFile": {"type": "array", "items": _ref("File")}, "created": STAMP, "modified": STAMP}),
    "Meeting": _object("Meeting", ["name", "start", "organization", "agendaItem"], {
        "name": TEXT, "meetingState": TEXT, "cancelled": {"type": "boolean"}, "start": STAMP, "end": STAMP,
        "location": _ref("Location"), "organization": URLS, "participant": URLS, "invitation": _ref("File"),
        "resultsProtocol": _ref("File"), "agendaItem": {"type": "array", "items": _ref("AgendaItem")},
        "created": STAMP, "modified": STAMP}),
    "Consultation": _object("Consultation", ["paper", "meeting"], {
        "paper": URL, "agendaItem": URL, "meeting": URL, "organization": URLS, "authoritative": {"type": "boolean"},
        "role": TEXT}),
    "Paper": _object("Paper", ["body", "name", "reference"], {
        "body": URL, "name": TEXT, "reference": {**TEXT, "description": "sagsnummer"}, "paperType": TEXT,
        "date": {"type": ["string", "null"], "format": "date"},
        "consultation": {"type": "array", "items": _ref("Consultation")},
        "auxiliaryFile": {"type": "array", "items": _ref("File")}, "created": STAMP, "modified": STAMP}),
    "ObjectList": {
        "type": "object", "required": ["data", "pagination", "links"], "additionalProperties": False,
        "properties": {
            "data": {"type": "array", "items": {"type": "object"}},
            "pagination": {"type": "object", "properties": {
                "totalElements": {"type": "integer"}, "elementsPerPage": {"type": "integer"},
                "currentPage": {"type": "integer"}, "totalPages": {"type": "integer"}}},
            "links": {"type": "object", "properties": {"first": URL, "prev": URL, "next": URL, "last": URL}},
        }},
}

# (path, schema of the answer, summary); {id} is the object's number.
PATHS = [
    ("/", "System", "System-objektet: indgangen til API'et"),
    ("/body/", "ObjectList", "Kommunen (Body) som liste"),
    ("/body/kommune/", "Body", "Kommunen"),
    ("/organization/", "ObjectList", "Fora (Direktionen, Økonomiudvalget, …)"),
    ("/organization/{id}/", "Organization", "Et forum"),
    ("/person/", "ObjectList", "Forummedlemmer"),
    ("/person/{id}/", "Person", "Et medlem"),
    ("/meeting/", "ObjectList", "Offentlige møder med offentliggjort dagsorden; ?organization={id} filtrerer"),
    ("/meeting/{id}/", "Meeting", "Et møde med dets punkter"),
    ("/meeting/{id}/sted/", "Location", "Mødestedet"),
    ("/agendaitem/", "ObjectList", "Dagsordenspunkter; lukkede kun med nummer og titel"),
    ("/agendaitem/{id}/", "AgendaItem", "Et punkt"),
    ("/paper/", "ObjectList", "Sager med mindst ét åbent punkt"),
    ("/paper/{id}/", "Paper", "En sag"),
    ("/consultation/", "ObjectList", "En sags behandlinger i fora"),
    ("/consultation/{id}/", "Consultation", "En behandling"),
    ("/file/", "ObjectList", "Bilag til åbne punkter"),
    ("/file/{id}/", "File", "Et bilag"),
]


def openapi_document(base_url: str) -> dict:
    paths = {}
    for path, schema, summary in PATHS:
        operation = {"summary": summary, "responses": {
            "200": {"description": "OK", "content": {"application/json": {"schema": _ref(schema)}}},
            "404": {"description": "Findes ikke, eller er ikke offentligt"}}}
        if schema == "ObjectList":
            operation["parameters"] = [{"name": "page", "in": "query", "schema": {"type": "integer", "minimum": 1}}]
        if "{id}" in path:
            operation["parameters"] = [{"name": "id", "in": "path", "required": True, "schema": {"type": "integer"}}]
        paths[path] = {"get": operation}
    binary = {"200": {"description": "Filen", "content": {"application/pdf": {}}},
              "404": {"description": "Findes ikke"}}
    paths["/file/{id}/hent/"] = {"get": {"summary": "Hent et bilag", "responses": binary}}
    paths["/meeting/{id}/{kind}.pdf"] = {"get": {"summary": "Offentlig PDF af dagsorden eller referat "
                                                            "(kind: dagsorden eller referat)", "responses": binary}}
    paths["/meeting/{id}/fil/{kind}/"] = {"get": {"summary": "File-objektet for dagsorden eller referat",
                                                   "responses": {"200": {"description": "OK", "content": {
                                                       "application/json": {"schema": _ref("File")}}}}}}
    paths["/organization/{id}/kalender.ics"] = {"get": {"summary": "Forummets offentlige møder som iCalendar",
                                                        "responses": {"200": {"description": "RFC 5545",
                                                                              "content": {"text/calendar": {}}}}}}
    return {
        "openapi": "3.1.0",
        "info": {"title": "Styr – åbne mødedata (OParl 1.1)", "version": "1.1",
                 "description": "Læseadgang uden login til de offentlige dele af dagsordener og referater: "
                                "præcis det, den offentlige udgave af referatet viser."},
        "servers": [{"url": base_url.rstrip("/")}],
        "paths": paths,
        "components": {"schemas": SCHEMAS},
    }
