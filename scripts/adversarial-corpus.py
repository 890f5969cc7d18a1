#!/usr/bin/env python3
"""Writes the adversarial corpus: tests/adversarial/**/* and tests/adversarial/MANIFEST.

Every file is derived from tests/data/small-scenario.json (or written out for DIMACS), with
planted personal data in every free-text name (the corpus test checks that no message shows
it). Run from the crate root: `python3 scripts/adversarial-corpus.py`. The files are
committed; the test reads them, not this script.
"""
import copy
import json
import os

ROOT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..")
OUT = os.path.join(ROOT, "tests", "adversarial")
BASE = json.load(open(os.path.join(ROOT, "tests", "data", "small-scenario.json")))

# Planted personal data: must never appear in an error message, Debug output or log.
PII = {
    "scenario": "Case file of Zhang Wei 张伟",
    "regions": "Home of 13800138000",
    "organizations": "Contact zhang.wei@example.com",
    "funds": "Fund for ID 110101199003071234",
}

manifest = []


def base():
    s = copy.deepcopy(BASE)
    s["name"] = PII["scenario"]
    for key in ("regions", "organizations", "funds"):
        for i, e in enumerate(s[key]):
            e["name"] = f"{e['name']} / {PII[key]} #{i}"
    return s


def dump(s, pretty=True):
    if pretty:
        return json.dumps(s, ensure_ascii=False, indent=2) + "\n"
    return json.dumps(s, ensure_ascii=False, separators=(",", ":"))


def write(path, content, expected):
    full = os.path.join(OUT, path)
    os.makedirs(os.path.dirname(full), exist_ok=True)
    data = content if isinstance(content, bytes) else content.encode("utf-8")
    with open(full, "wb") as f:
        f.write(data)
    manifest.append((path, expected))


def scenario(path, mutate, expected, pretty=True):
    s = base()
    mutate(s)
    write(path, dump(s, pretty), expected)


def text(path, mutate_text, expected):
    write(path, mutate_text(dump(base())), expected)


def sub(old, new, count=1):
    def f(t):
        assert old in t, old
        return t.replace(old, new, count)
    return f


def need(s, nid):
    return next(n for n in s["needs"] if n["id"] == nid)


BASE_OK = "plan served=N1,N2 unmet="

# ----- structural -----------------------------------------------------------------------------
write("structural/empty.json", "", "json:syntax")
write("structural/whitespace.json", " \n\t ", "json:syntax")
write("structural/null.json", "null", "json:invalid_value path=.")
write("structural/number.json", "42", "json:invalid_value path=.")
write("structural/string.json", '"wushe-scenario"', "json:invalid_value path=.")
write("structural/empty-object.json", "{}", "json:missing_field field=format")
write("structural/empty-array.json", "[]", "json:invalid_value path=.")
write("structural/scenario-as-array.json",
      dump(list(base().values())), "json:invalid_value path=.")
scenario("structural/region-as-array.json",
         lambda s: s["regions"].__setitem__(0, list(s["regions"][0].values())),
         "json:invalid_value path=regions[0]")
scenario("structural/location-as-array.json",
         lambda s: s["regions"][1].__setitem__("location", [-4000, 0]),
         "json:invalid_value path=regions[1].location")
scenario("structural/window-as-array.json",
         lambda s: s["needs"][0].__setitem__("window", ["2026-12-01", "2027-02-28"]),
         "json:invalid_value path=needs[0].window")
scenario("structural/team-as-array.json",
         lambda s: s["needs"][0].__setitem__("team", ["all_or_nothing", s["needs"][0]["team"]["roles"]]),
         "json:invalid_value path=needs[0].team")
scenario("structural/role-as-array.json",
         lambda s: s["needs"][0]["team"]["roles"].__setitem__(0, [{"lead_worker": {"min_licence": "assistant"}}, False]),
         "json:invalid_value path=needs[0].team.roles[0]")
scenario("structural/struct-variant-as-array.json",
         lambda s: s["workers"][0].__setitem__("vetting", {"passed": ["2027-12-31"]}),
         "json:invalid_value path=workers[0].vetting")
scenario("structural/role-spec-variant-as-array.json",
         lambda s: s["needs"][0]["team"]["roles"][0].__setitem__("spec", {"lead_worker": ["assistant"]}),
         "json:invalid_value path=needs[0].team.roles[0].spec")
scenario("structural/disabled-grade-as-array.json",
         lambda s: s["residents"][1]["vulnerabilities"].__setitem__(1, {"disabled": [3]}),
         "json:invalid_value path=residents[1].vulnerabilities")
scenario("structural/goods-as-array.json",
         lambda s: s["funds"][1].__setitem__("kind", {"goods": ["school_supplies"]}),
         "json:invalid_value path=funds[1].kind")
scenario("structural/unit-variant-as-object.json",
         lambda s: s["needs"][0].__setitem__("risk", {"high": None}),
         "json:invalid_value path=needs[0].risk")
scenario("structural/unit-spec-as-object.json",
         lambda s: s["needs"][1]["team"]["roles"][1].__setitem__("spec", {"organization": None}),
         "json:invalid_value path=needs[1].team.roles[1].spec")
scenario("structural/unit-vetting-as-object.json",
         lambda s: s["volunteers"][1].__setitem__("vetting", {"pending": {}}),
         "json:invalid_value path=volunteers[1].vetting")
scenario("structural/enum-object-two-keys.json",
         lambda s: s["workers"][0].__setitem__("vetting", {"passed": {"expires": "2027-12-31"}, "failed": None}),
         "json:invalid_value path=workers[0].vetting")
scenario("structural/enum-empty-object.json",
         lambda s: s["workers"][0].__setitem__("vetting", {}),
         "json:invalid_value path=workers[0].vetting")
scenario("structural/enum-as-number.json",
         lambda s: s["regions"][0].__setitem__("level", 0),
         "json:invalid_value path=regions[0].level")
scenario("structural/enum-as-array.json",
         lambda s: s["regions"][0].__setitem__("level", ["county"]),
         "json:invalid_value path=regions[0].level")
scenario("structural/enum-unknown-variant.json",
         lambda s: s["regions"][2].__setitem__("level", "village"),
         "json:invalid_value path=regions[2].level")
scenario("structural/enum-wrong-case.json",
         lambda s: s["regions"][0].__setitem__("level", "County"),
         "json:invalid_value path=regions[0].level")
scenario("structural/enum-variant-with-escape.json",
         lambda s: s["regions"][0].__setitem__("level", "county\u001b[2J\r\nFAKE LOG LINE"),
         "json:invalid_value path=regions[0].level")
scenario("structural/unknown-top-field.json", lambda s: s.__setitem__("colour", "red"),
         "json:unknown_field field=colour")
scenario("structural/unknown-deep-field.json",
         lambda s: s["needs"][1]["team"]["roles"][0].__setitem__("priority", 1),
         "json:unknown_field field=priority path=needs[1].team.roles[0]")
scenario("structural/unknown-field-control-chars.json",
         lambda s: s["volunteers"][0].__setitem__("x\u001b]0;owned\u0007\r\nERROR forged" + "y" * 100, 1),
         "json:unknown_field path=volunteers[0]")
scenario("structural/missing-required-field.json", lambda s: s["regions"][0].pop("level"),
         "json:missing_field field=level path=regions[0]")
scenario("structural/missing-format.json", lambda s: s.pop("format"),
         "json:missing_field field=format")
scenario("structural/missing-version.json", lambda s: s.pop("version"),
         "json:missing_field field=version")
text("structural/duplicate-field.json",
     sub('"id": 1,', '"id": 1, "id": 2,'), "json:invalid_value path=regions[0]")
text("structural/trailing-garbage.json", lambda t: t + "}}", "json:syntax")
text("structural/trailing-second-document.json", lambda t: t + t, "json:syntax")
text("structural/truncated.json", lambda t: t[: len(t) // 2], "json:syntax")
text("structural/comment.json", lambda t: "// scenario\n" + t, "json:syntax")
text("structural/single-quotes.json", sub('"format": "wushe-scenario"', "'format': 'wushe-scenario'"),
     "json:syntax")
text("structural/trailing-comma.json", sub('"population": 320000\n    }', '"population": 320000,\n    }'),
     "json:syntax")
write("structural/deep-nesting-regions.json",
      '{"format":"wushe-scenario","version":1,"regions":' + "[" * 50000 + "]" * 50000 + "}",
      "json:invalid_value path=regions[0]")
write("structural/deep-nesting-format.json",
      '{"format":' + "[" * 50000 + "]" * 50000 + "}",
      "json:invalid_value path=format")
write("structural/deep-nesting-unclosed.json", "[" * 100000, "json:syntax|invalid_value")
write("structural/deep-objects.json", '{"a":' * 20000 + "1" + "}" * 20000,
      "json:unknown_field field=a")
scenario("structural/wrong-format.json", lambda s: s.__setitem__("format", "geojson"),
         "json:wrong_format")
scenario("structural/format-as-number.json", lambda s: s.__setitem__("format", 42),
         "json:wrong_format")
scenario("structural/format-with-escapes.json",
         lambda s: s.__setitem__("format", "\u001b[31mwushe\r\n" * 40), "json:wrong_format")
scenario("structural/version-as-string.json", lambda s: s.__setitem__("version", "1"),
         "json:version_not_a_number")
scenario("structural/version-null.json", lambda s: s.__setitem__("version", None),
         "json:version_not_a_number")
scenario("structural/version-object.json", lambda s: s.__setitem__("version", {"major": 1}),
         "json:version_not_a_number")
scenario("structural/version-long-string.json",
         lambda s: s.__setitem__("version", "\u001b[2J" + "1" * 300), "json:version_not_a_number")
scenario("structural/version-4.json", lambda s: s.__setitem__("version", 4),
         "json:unsupported_version")
scenario("structural/version-float.json", lambda s: s.__setitem__("version", 1.0),
         "json:unsupported_version")
scenario("structural/version-negative.json", lambda s: s.__setitem__("version", -1),
         "json:unsupported_version")
scenario("structural/long-name.json", lambda s: s["regions"][0].__setitem__("name", "长" * 2000),
         "json:string_too_long path=regions[0].name")
scenario("structural/long-unknown-field-name.json",
         lambda s: s["regions"][0].__setitem__("k" * 5000, 1), "json:string_too_long path=regions[0]")
scenario("structural/long-enum-string.json",
         lambda s: s["regions"][0].__setitem__("level", "c" * 10000), "json:string_too_long")
scenario("structural/string-limit.json", lambda s: None,
         "json:string_too_long limits=max_string_bytes:10")
scenario("structural/depth-limit.json", lambda s: None,
         "json:too_deep limits=max_json_depth:5")
scenario("structural/file-size-limit.json", lambda s: None,
         "json:too_large limits=max_file_bytes:1000")

# ----- numeric --------------------------------------------------------------------------------
def num(path, old, new, expected):
    text(path, sub(old, new), expected)

num("numeric/population-negative.json", '"population": 1800', '"population": -1800',
    "json:invalid_value path=regions[2].population")
num("numeric/population-float.json", '"population": 1800', '"population": 1800.5',
    "json:invalid_value path=regions[2].population")
num("numeric/population-exponent.json", '"population": 1800', '"population": 1.8e3',
    "json:invalid_value path=regions[2].population")
num("numeric/population-huge.json", '"population": 1800', '"population": 1e400',
    "json:syntax|invalid_value")
num("numeric/population-u32-overflow.json", '"population": 1800', '"population": 4294967296',
    "json:invalid_value path=regions[2].population")
num("numeric/population-nan.json", '"population": 1800', '"population": NaN', "json:syntax")
num("numeric/population-leading-zero.json", '"population": 1800', '"population": 01800',
    "json:syntax")
num("numeric/population-hex.json", '"population": 1800', '"population": 0x708', "json:syntax")
num("numeric/id-as-string.json", '"id": 100,', '"id": "100",', "json:invalid_value path=regions[2].id")
num("numeric/id-negative.json", '"id": 100,', '"id": -100,', "json:invalid_value path=regions[2].id")
num("numeric/age-above-u8.json", '"age": 42', '"age": 256', "json:invalid_value path=volunteers[0].age")
num("numeric/minor-as-string.json", '"minor": true', '"minor": "yes"',
    "json:invalid_value path=residents[1].minor")
num("numeric/amount-i64-overflow.json", '"amount": 200000', '"amount": 9223372036854775808',
    "json:invalid_value path=needs[0].team.roles[2].spec.material.amount")
scenario("numeric/amount-above-limit.json",
         lambda s: need(s, 1)["team"]["roles"][2]["spec"]["material"].__setitem__("amount", 10**13 + 1),
         "validation:out_of_range entity=N1 field=team.roles[2].spec.amount")
scenario("numeric/amount-zero.json",
         lambda s: need(s, 1)["team"]["roles"][2]["spec"]["material"].__setitem__("amount", 0),
         "validation:out_of_range entity=N1 field=team.roles[2].spec.amount")
scenario("numeric/remaining-negative.json", lambda s: s["funds"][0].__setitem__("remaining", -1),
         "validation:out_of_range entity=F1 field=remaining")
scenario("numeric/count-zero.json",
         lambda s: need(s, 1)["team"]["roles"][1]["spec"]["volunteers"].__setitem__("count", 0),
         "validation:out_of_range entity=N1 field=team.roles[1].spec.count")
scenario("numeric/count-too-many.json",
         lambda s: need(s, 1)["team"]["roles"][1]["spec"]["volunteers"].__setitem__("count", 21),
         "validation:out_of_range entity=N1 field=team.roles[1].spec.count")
scenario("numeric/weekly-minutes-above-a-week.json",
         lambda s: s["volunteers"][0].__setitem__("weekly_minutes", 10081),
         "validation:out_of_range entity=V1 field=weekly_minutes")
scenario("numeric/role-minutes-zero.json",
         lambda s: need(s, 1)["team"]["roles"][1]["spec"]["volunteers"].__setitem__("weekly_minutes", 0),
         "validation:out_of_range entity=N1 field=team.roles[1].spec.weekly_minutes")
scenario("numeric/coordinate-out-of-county.json",
         lambda s: s["regions"][0]["location"].__setitem__("x_m", 3_000_000),
         "validation:out_of_range entity=R1 field=location.x_m")
scenario("numeric/road-zero-length.json", lambda s: s["roads"][0].__setitem__("distance_m", 0),
         "validation:out_of_range entity=#0 field=distance_m")
scenario("numeric/caseload-zero.json", lambda s: s["workers"][0].update(caseload_capacity=0, current_load=0),
         "validation:out_of_range entity=W1 field=caseload_capacity")
scenario("numeric/disability-grade-5.json",
         lambda s: s["residents"][1]["vulnerabilities"].__setitem__(1, {"disabled": {"grade": 5}}),
         "validation:out_of_range entity=P2 field=vulnerabilities[1].disabled.grade")
scenario("numeric/radius-max.json",
         lambda s: s["workers"][0].__setitem__("travel_radius_m", 4294967295), BASE_OK)
scenario("numeric/road-max-length.json",
         lambda s: s["roads"].append({"a": 100, "b": 101, "distance_m": 4294967295}), BASE_OK)
scenario("numeric/date-month-13.json", lambda s: s.__setitem__("as_of", "2026-13-01"),
         "json:invalid_value path=as_of")
scenario("numeric/date-short.json", lambda s: s.__setitem__("as_of", "2026-1-01"),
         "json:invalid_value path=as_of")
scenario("numeric/date-as-number.json", lambda s: s.__setitem__("as_of", 20261128),
         "json:invalid_value path=as_of")
scenario("numeric/date-year-3000.json", lambda s: s.__setitem__("as_of", "3000-01-01"),
         "json:invalid_value path=as_of")
scenario("numeric/date-feb-30.json", lambda s: s.__setitem__("as_of", "2026-02-30"),
         "json:invalid_value path=as_of")
scenario("numeric/slot-unknown.json", lambda s: need(s, 1).__setitem__("slots", ["monday_morning"]),
         "json:invalid_value path=needs[0].slots")

# ----- semantic: validation -------------------------------------------------------------------
scenario("semantic/dangling-resident.json", lambda s: need(s, 2).__setitem__("resident", 9),
         "validation:dangling_reference entity=N2 field=resident")
scenario("semantic/duplicate-region-id.json", lambda s: s["regions"][3].__setitem__("id", 100),
         "validation:duplicate_id entity=R100 field=id")
scenario("semantic/hierarchy-cycle.json", lambda s: s["regions"][1].__setitem__("parent", 100),
         "validation:hierarchy_cycle entity=R10 field=parent")
scenario("semantic/county-with-parent.json", lambda s: s["regions"][0].__setitem__("parent", 10),
         "validation:inconsistent entity=R1 field=parent")
scenario("semantic/station-not-township.json", lambda s: s["workers"][0].__setitem__("station", 100),
         "validation:wrong_level entity=W1 field=station")
scenario("semantic/reversed-window.json",
         lambda s: need(s, 1).__setitem__("window", {"start": "2027-02-28", "end": "2026-12-01"}),
         "validation:reversed_window entity=N1 field=window")
scenario("semantic/fund-reversed-validity.json",
         lambda s: s["funds"][0].update(valid_from="2026-12-31", valid_until="2026-01-01"),
         "validation:reversed_window entity=F1 field=valid_until")
scenario("semantic/load-above-capacity.json", lambda s: s["workers"][0].__setitem__("current_load", 13),
         "validation:load_above_capacity entity=W1 field=current_load")
scenario("semantic/empty-team.json", lambda s: need(s, 1)["team"].__setitem__("roles", []),
         "validation:empty entity=N1 field=team.roles")
scenario("semantic/volunteers-without-slots.json", lambda s: need(s, 1).__setitem__("slots", []),
         "validation:empty entity=N1 field=slots")
scenario("semantic/road-to-itself.json", lambda s: s["roads"][0].__setitem__("b", 10),
         "validation:inconsistent entity=#0 field=b")
scenario("semantic/road-to-county.json", lambda s: s["roads"][0].__setitem__("a", 1),
         "validation:wrong_level entity=#0 field=a")
scenario("semantic/fund-admin-missing.json", lambda s: s["funds"][0].__setitem__("administered_by", 7),
         "validation:dangling_reference entity=F1 field=administered_by")
scenario("semantic/volunteer-org-missing.json", lambda s: s["volunteers"][0].__setitem__("organizations", [9]),
         "validation:dangling_reference entity=V1 field=organizations")
scenario("semantic/prior-workers-oversized.json",
         lambda s: s["residents"][0].__setitem__("prior_workers", list(range(1000, 1300))),
         "validation:too_many entity=P1 field=prior_workers")
scenario("semantic/organization-no-categories.json", lambda s: s["organizations"][0].__setitem__("categories", []),
         "validation:empty entity=O1 field=categories")


def with_junior(s, **fields):
    """Version 3 with a second, assistant worker W2 at W1's station (supervision cases)."""
    s["version"] = 3
    junior = dict(copy.deepcopy(s["workers"][0]), id=2, licence="assistant")
    junior.update(fields)
    s["workers"].append(junior)


scenario("semantic/mentor-missing.json", lambda s: with_junior(s, mentor=9),
         "validation:dangling_reference entity=W2 field=mentor")
scenario("semantic/mentor-self.json", lambda s: with_junior(s, mentor=2),
         "validation:inconsistent entity=W2 field=mentor")
scenario("semantic/supervising-above-places.json",
         lambda s: with_junior(s, supervision_capacity=1, supervising=2),
         "validation:load_above_capacity entity=W2 field=supervising")
scenario("semantic/supervision-in-version-2.json",
         lambda s: (with_junior(s, mentor=1), s.__setitem__("version", 2)),
         "validation:inconsistent entity=scenario field=workers")
scenario("semantic/name-limit.json", lambda s: None,
         "validation:too_long entity=scenario field=name limits=max_name_bytes:5")
scenario("semantic/region-count-limit.json", lambda s: None,
         "validation:too_many entity=scenario field=regions limits=max_regions:3")

# ----- semantic: compile limits ---------------------------------------------------------------
scenario("semantic/edge-limit.json", lambda s: None,
         "limit:candidate_edges limits=max_candidate_edges:3")
scenario("semantic/provider-edge-limit.json", lambda s: None,
         "limit:provider_edges limits=max_edges_per_provider:1")
scenario("semantic/work-limit.json", lambda s: None,
         "limit:compile_work limits=max_compile_work:10")

# ----- semantic: well-defined plans -----------------------------------------------------------
scenario("semantic/base.json", lambda s: None, BASE_OK)
scenario("semantic/child-only-provider-unvetted.json",
         lambda s: s["workers"][0].__setitem__("vetting", "unknown"),
         "plan served=N1 unmet=N2:vetting_missing")
scenario("semantic/child-flag-not-minor-unvetted-worker.json",
         lambda s: (s["workers"][0].__setitem__("vetting", "unknown"), s["residents"][1].__setitem__("minor", False)),
         "plan served=N1 unmet=N2:vetting_missing")


def child_flag_volunteer(s):
    s["residents"][1]["minor"] = False
    s["residents"][1]["vulnerabilities"] = [{"child_in_difficulty": {"cause": "guardianship"}}]
    need(s, 2)["team"]["roles"][3]["optional"] = False


scenario("semantic/child-flag-not-minor-unvetted-volunteer.json", child_flag_volunteer,
         "plan served=N1 unmet=N2:vetting_missing")
scenario("semantic/vetting-failed.json", lambda s: s["workers"][0].__setitem__("vetting", "failed"),
         "plan served=N1 unmet=N2:vetting_failed")
scenario("semantic/vetting-expires-during-window.json",
         lambda s: s["workers"][0].__setitem__("vetting", {"passed": {"expires": "2027-03-01"}}),
         "plan served=N1 unmet=N2:vetting_expired")
scenario("semantic/fund-earmarked-other-region.json",
         lambda s: s["funds"][0]["earmark"].__setitem__("regions", [101]),
         "plan served=N2 unmet=N1:earmark_region")
scenario("semantic/fund-earmarked-other-category.json",
         lambda s: s["funds"][0]["earmark"].__setitem__("categories", ["disability_support"]),
         "plan served=N2 unmet=N1:earmark_category")
scenario("semantic/fund-earmarked-other-group.json",
         lambda s: s["funds"][0]["earmark"].__setitem__("groups", ["children"]),
         "plan served=N2 unmet=N1:earmark_group")
scenario("semantic/fund-validity-never-overlaps.json",
         lambda s: s["funds"][0].update(valid_from="2025-01-01", valid_until="2025-12-31"),
         "plan served=N2 unmet=N1:fund_not_valid")
scenario("semantic/fund-related-party.json", lambda s: s["funds"][0].__setitem__("related_parties", [1]),
         "plan served=N2 unmet=N1:related_party")
scenario("semantic/fund-too-small.json",
         lambda s: need(s, 1)["team"]["roles"][2]["spec"]["material"].__setitem__("amount", 900000),
         "plan served=N2 unmet=N1:insufficient_material")
scenario("semantic/slots-never-overlap.json", lambda s: need(s, 1).__setitem__("slots", ["mon_morning"]),
         "plan served=N2 unmet=N1:no_common_slot")


def everything_at_capacity(s):
    s["workers"][0]["current_load"] = 12
    s["organizations"][0]["active_cases"] = 6
    s["volunteers"][0]["committed_minutes"] = 240
    s["volunteers"][1]["committed_minutes"] = 120
    s["funds"][0]["remaining"] = 0
    s["funds"][1]["remaining"] = 0


scenario("semantic/everything-at-capacity.json", everything_at_capacity,
         "plan served= unmet=N1:no_capacity,N2:no_capacity")
scenario("semantic/worker-too-far.json", lambda s: s["workers"][0].__setitem__("travel_radius_m", 1000),
         "plan served= unmet=N1:too_far,N2:too_far")
scenario("semantic/no-roads.json", lambda s: s.__setitem__("roads", []),
         "plan served= unmet=N1:unreachable,N2:unreachable")
scenario("semantic/licence-too-low.json", lambda s: s["workers"][0].__setitem__("licence", "assistant"),
         "plan served=N1 unmet=N2:licence_too_low")
scenario("semantic/risky-uninsured.json",
         lambda s: (need(s, 1)["team"]["roles"][1]["spec"]["volunteers"].__setitem__("risky", True),
                    s["volunteers"][0].__setitem__("insured_until", None)),
         "plan served=N2 unmet=N1:not_insured")
scenario("semantic/volunteer-too-young.json",
         lambda s: need(s, 1)["team"]["roles"][1]["spec"]["volunteers"].__setitem__("min_age", 50),
         "plan served=N2 unmet=N1:too_young")
scenario("semantic/organization-outside-area.json",
         lambda s: s["organizations"][0].__setitem__("serves", [100]),
         "plan served=N1 unmet=N2:outside_service_area")
scenario("semantic/organization-other-category.json",
         lambda s: s["organizations"][0].__setitem__("categories", ["elderly_care"]),
         "plan served=N1 unmet=N2:category_not_served")
scenario("semantic/too-few-volunteers.json",
         lambda s: need(s, 1)["team"]["roles"][1]["spec"]["volunteers"].__setitem__("count", 2),
         "plan served=N2 unmet=N1:too_few_eligible")
scenario("semantic/no-needs.json", lambda s: s.__setitem__("needs", []), "plan served= unmet=")
def no_providers(s):
    for k in ("workers", "volunteers", "funds"):
        s[k] = []
    s["residents"][0]["prior_workers"] = []
    s["residents"][0]["prior_volunteers"] = []


scenario("semantic/no-providers.json", no_providers,
         "plan served= unmet=N1:no_eligible_provider,N2:no_eligible_provider")
scenario("semantic/past-window.json",
         lambda s: need(s, 1).__setitem__("window", {"start": "2026-12-01", "end": "2026-12-02"}),
         BASE_OK)

# ----- serialization --------------------------------------------------------------------------
text("serialization/bom.json", lambda t: "\ufeff" + t, BASE_OK)
text("serialization/crlf.json", lambda t: t.replace("\n", "\r\n"), BASE_OK)
write("serialization/compact.json", dump(base(), pretty=False), BASE_OK)
write("serialization/keys-reversed.json",
      json.dumps(dict(reversed(list(base().items()))), ensure_ascii=False), BASE_OK)
write("serialization/ascii-escaped.json", json.dumps(base(), ensure_ascii=True), BASE_OK)
scenario("serialization/control-chars-in-names.json",
         lambda s: s["regions"][2].__setitem__("name", "\u001b[31mred\r\n\u0000 13800138000"), BASE_OK)
scenario("serialization/bidi-in-names.json",
         lambda s: s["funds"][0].__setitem__("name", "\u202eevil\u200b 110101199003071234"), BASE_OK)
scenario("serialization/explicit-nulls.json",
         lambda s: s["volunteers"][1].__setitem__("insured_until", None), BASE_OK)
scenario("serialization/explicit-defaults.json",
         lambda s: (need(s, 1)["team"]["roles"][0].__setitem__("optional", False),
                    s["funds"][1].__setitem__("related_parties", [])), BASE_OK)
scenario("serialization/duplicate-set-elements.json",
         lambda s: s["volunteers"][0].__setitem__("skills", ["companionship", "first_aid", "companionship"]),
         BASE_OK)
scenario("serialization/null-required.json", lambda s: s["volunteers"][0].__setitem__("age", None),
         "json:invalid_value path=volunteers[0].age")
text("serialization/lone-surrogate.json", sub('"Example County', '"\\ud800 Example County'), "json:syntax")
write("serialization/invalid-utf8.json",
      dump(base()).encode("utf-8").replace(b"Example County", b"Example \xff\xfe County", 1), "json:syntax")
write("serialization/raw-nul-in-string.json",
      dump(base()).encode("utf-8").replace(b"Example County", b"Example \x00 County", 1), "json:syntax")
write("serialization/raw-esc-in-string.json",
      dump(base()).encode("utf-8").replace(b"Example County", b"Example \x1b[2J County", 1), "json:syntax")
write("serialization/utf16.json", dump(base()).encode("utf-16"), "json:syntax")
text("serialization/nul-after-document.json", lambda t: t + "\u0000", "json:syntax")

# ----- DIMACS ---------------------------------------------------------------------------------
write("dimacs/header-67m-nodes.min", "p min 67108864 0\n", "dimacs:too_large")
write("dimacs/header-huge-arcs.min", "p min 2 99999999999\n", "dimacs:too_large")
write("dimacs/header-negative.min", "p min -1 0\n", "dimacs:value_out_of_range")
write("dimacs/no-header.min", "c nothing\na 1 2 0 1 1\n", "dimacs:missing_problem_line")
write("dimacs/two-headers.min", "p min 2 0\np min 2 0\n", "dimacs:duplicate_problem_line")
write("dimacs/escape-line-kind.min", b"p min 2 0\n\x1b[2J\r\x1b]0;pwned\x07 1 2\n", "dimacs:unknown_line_kind")
write("dimacs/nul-bytes.min", b"p min 2 1\na 1 2 0 \x00\x00 5\n", "dimacs:not_an_integer")
write("dimacs/unknown-node.min", "p min 2 1\na 1 3 0 1 1\n", "dimacs:unknown_node")
write("dimacs/too-few-arcs.min", "p min 2 2\na 1 2 0 4 1\n", "dimacs:count_mismatch")
write("dimacs/too-many-arcs.min", "p min 2 1\na 1 2 0 4 1\na 2 1 0 4 1\n", "dimacs:count_mismatch")
write("dimacs/lower-above-capacity.min", "p min 2 1\na 1 2 5 4 1\n", "dimacs:lower_above_capacity")
write("dimacs/cost-overflow.min", "p min 2 1\na 1 2 0 4 99999999999999999999\n", "dimacs:integer_overflow")
write("dimacs/cost-out-of-range.min", "p min 2 1\na 1 2 0 4 9000000000000000000\n", "dimacs:value_out_of_range")
write("dimacs/field-count.min", "p min 2 1\na 1 2 0 4\n", "dimacs:field_count")
write("dimacs/not-an-integer.min", "p min 2 1\na 1 2 0 four 1\n", "dimacs:not_an_integer")
write("dimacs/duplicate-supply.min", "p min 2 0\nn 1 3\nn 1 -3\n", "dimacs:duplicate_node")
write("dimacs/valid.min", "c two nodes\np min 2 1\nn 1 3\nn 2 -3\na 1 2 0 5 7\n", "flow optimal objective=21")
write("dimacs/valid-crlf.min", "p min 2 1\r\nn 1 3\r\nn 2 -3\r\na 1 2 0 5 7\r\n", "flow optimal objective=21")
write("dimacs/infeasible.min", "p min 2 1\nn 1 3\nn 2 -3\na 1 2 0 2 7\n", "flow infeasible")
write("dimacs/unbalanced.min", "p min 2 1\nn 1 3\na 1 2 0 5 7\n", "flow infeasible")
write("dimacs/isolated-nodes.min", "p min 1000 1\nn 1 1\nn 2 -1\na 1 2 0 1 -4\n", "flow optimal objective=-4")
write("dimacs/odd-nodes.asn", "p asn 3 1\na 1 2 5\n", "dimacs:odd_node_count")
write("dimacs/node-after-arc.asn", "p asn 4 1\nn 1\na 1 3 5\nn 2\n", "dimacs:node_after_arc")
write("dimacs/not-row-to-column.asn", "p asn 4 1\na 3 1 5\n", "dimacs:not_row_to_column")
write("dimacs/huge-matrix.asn", "p asn 2000000 0\n", "dimacs:too_large")
write("dimacs/valid.asn", "p asn 4 4\nn 1\nn 2\na 1 3 5\na 1 4 2\na 2 3 7\na 2 4 1\n",
      "assignment optimal objective=6")
write("dimacs/row-length.mat", "2 2\n1 2\n3\n", "dimacs:field_count")
write("dimacs/huge.mat", "100000 100000\n", "dimacs:too_large")
write("dimacs/valid.mat", "2 2\n1 2\n4 3\n", "assignment optimal objective=4")

with open(os.path.join(OUT, "MANIFEST"), "w") as f:
    f.write("# Adversarial corpus: one line per file, `path<TAB>expected outcome`.\n")
    f.write("# Generated by scripts/adversarial-corpus.py; checked by tests/adversarial.rs.\n")
    f.write("# Outcomes: json:KIND, validation:KIND entity=ID field=PATH, limit:KIND,\n")
    f.write("# dimacs:KIND, plan served=IDS unmet=ID:REASON,..., flow optimal objective=N,\n")
    f.write("# flow infeasible, assignment optimal objective=N; `a|b` accepts either kind,\n")
    f.write("# path=P (prefix) and field=F check the error's fields, limits=k:v,... loads with\n")
    f.write("# those limits.\n")
    for path, expected in manifest:
        f.write(f"{path}\t{expected}\n")
print(len(manifest), "files")
