"""Schemathesis hooks for scripts/fuzz (loaded through SCHEMATHESIS_HOOKS).

Hypothesis draws the same few small values ("0", "a", ...) over and over. Some of them carry
state. In the intake service a repeated Idempotency-Key with another body is a 422, and a
repeated sender reference number is a 409; in the scheduling service a room's name is unique in
the organisation, and so is a work plan's title in its year (both 409s). All of these are
documented, so nothing would fail, but most POSTs would stop at those checks and never reach
the body's validation or the 201 path. So such a value, when valid, gets a per-request suffix,
except in every 8th request, which keeps the replay, reuse and duplicate paths exercised. Values
that break the document are left alone: they are the negative tests. A counter rather than
randomness keeps a seeded run reproducible.
"""

import copy
import itertools
import re

import schemathesis

VALID_KEY = re.compile(r"[\x21-\x7E]{1,200}")
_requests = itertools.count(1)


def _suffixed(value, suffix, valid, max_length):
    if isinstance(value, str) and valid(value) and len(value) + len(suffix) <= max_length:
        return value + suffix
    return value


@schemathesis.hook
def before_call(context, case, kwargs):
    n = next(_requests)
    if n % 8 == 0:
        return
    suffix = f"-{n}"

    # Copies, never edits in place: generated cases share nested objects, so an edit would pile
    # suffixes onto the values of later cases.
    if case.headers:
        headers = dict(case.headers)
        for name in [h for h in headers if h.lower() == "idempotency-key"]:
            headers[name] = _suffixed(headers[name], suffix, VALID_KEY.fullmatch, 200)
        case.headers = headers

    if not isinstance(case.body, dict):
        return
    body = copy.deepcopy(case.body)
    # Intake: ReferralSubmission keeps it in source.reference, SchoolIdentificationSubmission in
    # reference.
    source = body.get("source")
    for holder in (source.get("reference") if isinstance(source, dict) else None, body.get("reference")):
        if isinstance(holder, dict) and "number" in holder:
            holder["number"] = _suffixed(holder["number"], suffix, bool, 100)
    # Scheduling: RoomInput.name and WorkPlanInput.title (within their maxLength, not blank).
    unique = {"/v1/rooms": ("name", 200), "/v1/work-plans": ("title", 300)}.get(case.operation.path)
    if case.method.upper() == "POST" and unique and unique[0] in body:
        field, max_length = unique
        body[field] = _suffixed(body[field], suffix, lambda v: v.strip() != "", max_length)
    case.body = body


# --- Scheduling: real ids ---------------------------------------------------------------------
#
# Almost every scheduling operation works on something that exists: a case, its parties, a
# meeting, a plan. A generated UUID names nothing, so without help those operations would only
# ever answer 404 (or 422 for a body naming unknown specialists) and the code behind them would
# go untested. So the ids the service hands out are remembered from its answers (`after_call`),
# with the case or plan they belong to, and three requests in four that carry a well-formed
# UUID where such an id goes get a known one instead: in the path, with the parent that goes
# with it, and in the body (specialists, rooms, the case's parties; and a meeting's time, from
# the free slots a slot search found). The fourth keeps its random UUID, for the 404 and 422
# paths; a value that is not a UUID (or a date-time) at all is a negative test and is left
# alone. Picks go by a counter, like the suffixes above.

UUID = re.compile(r"[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}")
DATE_TIME = re.compile(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?(Z|[+-]\d\d:\d\d)", re.ASCII)
# kind → [record]; a record is the object's id with its parent ids (`case`, `plan`) and, for
# parties, their role and whom they represent; for cases and support plans, whether they are
# still open as last seen (the fuzzer closes cases as it goes, and a closed one refuses nearly
# everything with a 409, so open ones are picked while there are any).
_pools = {}
_records = {}
_picks = itertools.count()


def _remember(kind, record):
    known = _records.get((kind, record["id"]))
    if known is None:
        _records[(kind, record["id"])] = record
        _pools.setdefault(kind, []).append(record)
    else:
        known.update(record)


def _pick(kind, where=None):
    candidates = [r for r in _pools.get(kind, []) if where is None or where(r)]
    open_ones = [r for r in candidates if r.get("open", True) and _records.get(("case", r.get("case")), {}).get("open", True)]
    candidates = open_ones or candidates
    return candidates[next(_picks) % len(candidates)] if candidates else None


def _scheduling(case):
    return case.operation.schema.raw_schema.get("info", {}).get("title") == "Accord scheduling API"


def _is_uuid(value):
    return isinstance(value, str) and UUID.fullmatch(value) is not None


def _walk(value, case_id, plan_id):
    """Remembers every scheduling object in an answer, by the fields that tell them apart."""
    if isinstance(value, list):
        for item in value:
            _walk(item, case_id, plan_id)
        return
    if not isinstance(value, dict):
        return
    for item in value.values():
        if isinstance(item, (list, dict)):
            # A work plan's activities and a support plan's interventions belong to it.
            _walk(item, case_id, plan_id if "activities" not in value and "interventions" not in value else value.get("id"))
    id_ = value.get("id")
    if not _is_uuid(id_):
        return
    keys = value.keys()
    if "next_states" in keys:
        _remember("case", {"id": id_, "open": value.get("state") != "closed", "kind": value.get("kind")})
    elif "full_name" in keys and case_id:
        _remember("party", {"id": id_, "case": case_id, "role": value.get("role"), "represents": value.get("represents_party_id")})
    elif "given_by_party_id" in keys and case_id:
        _remember("consent", {"id": id_, "case": case_id})
    elif "due_on" in keys and case_id:
        _remember("term", {"id": id_, "case": case_id})
    elif "party_ids" in keys and "case_id" in keys:
        _remember("meeting", {"id": id_, "case": value["case_id"]})
    elif "goals" in keys:
        _remember("support_plan", {"id": id_, "case": value.get("case_id"), "open": value.get("status") == "active"})
    elif "area" in keys and plan_id:
        _remember("intervention", {"id": id_, "plan": plan_id})
    elif "display_name" in keys:
        _remember("specialist", {"id": id_})
    elif "capacity" in keys:
        _remember("room", {"id": id_})
    elif "activities" in keys:
        _remember("work_plan", {"id": id_})
    elif "period_start" in keys and plan_id:
        _remember("activity", {"id": id_, "plan": plan_id})
    elif "school_name" in keys:
        _remember("visit", {"id": id_})


@schemathesis.hook
def after_call(context, case, response):
    if not _scheduling(case) or not 200 <= response.status_code < 300 or not response.content:
        return
    try:
        answer = response.json()
    except ValueError:
        return
    params = case.path_parameters or {}
    if case.operation.path == "/v1/slot-searches" and isinstance(answer, dict):
        # Free times, for bookings: a generated time is almost never in the future, inside
        # working hours and on one local day.
        for slot in answer.get("slots") or []:
            _remember("slot", {"id": f"{slot.get('starts_at')} {slot.get('ends_at')}", **slot})
    plan_id = params.get("plan_id") if _is_uuid(params.get("plan_id")) else None
    _walk(answer, params.get("case_id") if _is_uuid(params.get("case_id")) else None, plan_id)


# A path parameter → (pool, the parent parameter its record names). Children first, so that the
# parent follows the child.
_PATH_IDS = [
    ("consent_id", "consent", "case_id"),
    ("term_id", "term", "case_id"),
    ("intervention_id", "intervention", "plan_id"),
    ("activity_id", "activity", "plan_id"),
    ("meeting_id", "meeting", None),
    ("visit_id", "visit", None),
    ("specialist_id", "specialist", None),
]


def _real_path_ids(case, params):
    chosen = {}
    for name, kind, parent in _PATH_IDS:
        if _is_uuid(params.get(name)) and (record := _pick(kind)):
            chosen[name] = record["id"]
            if parent:
                chosen[parent] = record["case" if parent == "case_id" else "plan"]
    if "plan_id" not in chosen and _is_uuid(params.get("plan_id")):
        kind = "support_plan" if case.operation.path.startswith("/v1/support-plans/") else "work_plan"
        if record := _pick(kind):
            chosen["plan_id"] = record["id"]
    if "case_id" not in chosen and _is_uuid(params.get("case_id")):
        # /v1/cases/{case_id}/<what>…
        kind = _CASE_KIND.get(case.operation.path.partition("{case_id}/")[2].split("/")[0])
        fits = lambda r: kind is None or _records.get(("case", r.get("case", r["id"])), {}).get("kind") == kind  # noqa: E731
        if isinstance(case.body, dict) and "minor_party_id" in case.body:
            # A consent: a legal representative, the minor they represent and their case.
            record = _pick("party", lambda r: r["role"] == "legal_representative")
            chosen["case_id"] = record["case"] if record else params["case_id"]
        else:
            # Cases with parties first: the operations on them get further.
            record = _pick("party", fits) if next(_picks) % 2 else None
            chosen["case_id"] = record["case"] if record else (_pick("case", fits) or {}).get("id", params["case_id"])
    return chosen


# What a case's operations need of it: a restorative programme or an accompaniment (whose
# meetings need no consent first).
_CASE_KIND = {
    "programme": "restorative", "agreement": "restorative", "consents": "restorative",
    "support-plans": "accompaniment", "profile": "accompaniment", "meetings": "accompaniment",
}


def _real_body_ids(body, case_id):
    def party(where=lambda r: True):
        record = _pick("party", lambda r: (case_id is None or r["case"] == case_id) and where(r))
        return record["id"] if record else None

    def swap(field, choose):
        value = body.get(field)
        if _is_uuid(value) and (chosen := choose()):
            body[field] = chosen
        elif isinstance(value, list):
            chosen = [choose() if _is_uuid(v) else v for v in value]
            # uniqueItems: a pool smaller than the list keeps the generated values.
            if None not in chosen and len(set(map(str, chosen))) == len(chosen):
                body[field] = chosen

    specialist = lambda: (_pick("specialist") or {}).get("id")  # noqa: E731
    for field in ("specialist_id", "specialist_ids", "responsible_specialist_id"):
        swap(field, specialist)
    swap("room_id", lambda: (_pick("room") or {}).get("id"))
    is_time = lambda v: isinstance(v, str) and DATE_TIME.fullmatch(v) is not None  # noqa: E731
    if is_time(body.get("starts_at")) and is_time(body.get("ends_at")) and (slot := _pick("slot")):
        body["starts_at"], body["ends_at"] = slot["starts_at"], slot["ends_at"]
        if _is_uuid(body.get("room_id")) and slot.get("room_id"):
            body["room_id"] = slot["room_id"]
    swap("party_ids", party)
    swap("represents_party_id", lambda: party(lambda r: r["role"] == "minor"))
    if _is_uuid(body.get("minor_party_id")) and _is_uuid(body.get("given_by_party_id")):
        record = _pick("party", lambda r: r["role"] == "legal_representative" and (case_id is None or r["case"] == case_id))
        if record and record["represents"]:
            body["minor_party_id"], body["given_by_party_id"] = record["represents"], record["id"]


@schemathesis.hook("before_call")
def real_scheduling_ids(context, case, kwargs):
    if not _scheduling(case) or next(_picks) % 4 == 0:
        return
    params = dict(case.path_parameters or {})
    params.update(_real_path_ids(case, params))
    case.path_parameters = params
    if isinstance(case.body, dict):
        body = copy.deepcopy(case.body)
        _real_body_ids(body, params.get("case_id") if _is_uuid(params.get("case_id")) else None)
        case.body = body
