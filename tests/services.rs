//! One need, several services: a named service asked of an organization beyond the need's
//! category, and needs of more than one category; the compile and the independent checker
//! apply the same rules.

use wushe::model::{Category, NeedId, OrganizationId, Role, RoleSpec, Scenario, Service};
use wushe::plan::{Violation, check_plan};
use wushe::problem::compile;
use wushe::rules::{MatchPolicy, Rejection};
use wushe::{StrategyKind, match_scenario};

/// The left-behind child's case with an extra core role: home-safety modification by an
/// organization, which only a second organization offers.
fn with_service_role() -> Scenario {
    let mut s = wushe::demo::left_behind_child();
    let mut offering = s.organizations[0].clone();
    offering.id = OrganizationId(2);
    offering.categories = [Category::ElderlyCare].into(); // not the need's category
    offering.services = [Service::HomeSafetyModification].into();
    s.organizations.push(offering);
    let need = s.need_mut(NeedId(1)).expect("the child's need");
    need.team.roles.push(Role::new(RoleSpec::Service {
        service: Service::HomeSafetyModification,
    }));
    s
}

#[test]
fn a_named_service_goes_to_an_organization_offering_it() {
    let s = with_service_role();
    s.validate().expect("valid");
    let compiled = compile(&s, &MatchPolicy::default()).expect("compiles");
    let p = compiled.problem();
    let service_role = p.roles.len() - 1;
    let candidates: Vec<_> = p
        .role_edges(service_role)
        .iter()
        .map(|e| p.provider_ids[e.provider as usize])
        .collect();
    assert_eq!(
        candidates,
        vec![wushe::model::ProviderId::Organization(OrganizationId(2))]
    );
    assert_eq!(
        compiled
            .rejections(service_role)
            .get(Rejection::ServiceNotOffered),
        1
    );
    for &kind in StrategyKind::ALL {
        let plan = match_scenario(&s, &MatchPolicy::default(), kind).expect("matches");
        assert_eq!(check_plan(&s, &plan), Ok(()), "{kind:?}");
        assert!(plan.served.contains(&NeedId(1)), "{kind:?}");
    }
    // the checker refuses the organization that does not offer it, by the same rule
    let mut plan =
        match_scenario(&s, &MatchPolicy::default(), StrategyKind::Greedy).expect("matches");
    let last = plan
        .assignments
        .iter_mut()
        .find(|a| a.role as usize == s.need(NeedId(1)).expect("need").team.roles.len() - 1)
        .expect("the service role is filled");
    last.provider = wushe::model::ProviderId::Organization(OrganizationId(1));
    let violations = check_plan(&s, &plan).expect_err("O1 offers no such service");
    assert!(violations.iter().any(|v| matches!(
        v,
        Violation::Ineligible {
            rule: Rejection::ServiceNotOffered,
            ..
        }
    )));
}

#[test]
fn a_need_of_two_categories_may_use_either() {
    let mut s = wushe::demo::left_behind_child();
    // the only organization now delivers disability support alone
    s.organizations[0].categories = [Category::DisabilitySupport].into();
    let refused =
        match_scenario(&s, &MatchPolicy::default(), StrategyKind::Greedy).expect("matches");
    let served_before = refused.served.contains(&NeedId(1));
    // the child is also disabled: the case carries both categories
    s.need_mut(NeedId(1))
        .expect("need")
        .also
        .insert(Category::DisabilitySupport);
    s.validate().expect("valid");
    let plan =
        match_scenario(&s, &MatchPolicy::default(), StrategyKind::Decomposition).expect("matches");
    assert_eq!(check_plan(&s, &plan), Ok(()));
    let has_org_role = s
        .need(NeedId(1))
        .expect("need")
        .team
        .roles
        .iter()
        .any(|r| matches!(r.spec, RoleSpec::Organization));
    if has_org_role {
        assert!(
            !served_before,
            "without the second category O1 may not deliver"
        );
        assert!(plan.served.contains(&NeedId(1)), "with it, O1 delivers");
    }
    let text = wushe::io::json::scenario_to_string(&s).expect("saves");
    assert!(
        text.contains("\"also\": ["),
        "the further categories are saved"
    );
    let back = wushe::io::json::load_scenario_from_slice(text.as_bytes()).expect("loads");
    assert_eq!(back, s);
}
