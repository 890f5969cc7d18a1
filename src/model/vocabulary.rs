//! The closed vocabularies of the domain: service categories, skills, licence levels, risk
//! tiers, vulnerability groups and weekly time slots.
//!
//! They are enums, not strings, so a typo in a scenario file is an error naming the field
//! rather than a silent mismatch. In JSON they are `snake_case` strings (`name()` returns that
//! name); `Display` gives lower-case English words for people, stable from release to release.
//!
//! ```
//! use wushe::model::{Category, Skill, Vulnerability};
//! assert_eq!(Category::ChildProtection.to_string(), "child protection");
//! assert_eq!(Category::ChildProtection.name(), "child_protection");
//! assert_eq!(Skill::FirstAid.to_string(), "first aid");
//! assert_eq!(Vulnerability::Disabled { grade: 1 }.to_string(), "disabled (grade 1)");
//! ```

use std::collections::BTreeSet;

use serde::{Deserialize, Serialize};

/// A service area of the township social-work stations, as the source article lists them
/// (a newspaper report on the first year of township social-work stations after the Ministry of
/// Civil Affairs' 2020 Hunan meeting).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Category {
    /// Social assistance (社会救助): minimum living allowance, temporary relief.
    SocialAssistance,
    /// Elderly care (养老服务).
    ElderlyCare,
    /// Child protection (儿童关爱保护), including left-behind children.
    ChildProtection,
    /// Disability support (残疾人服务).
    DisabilitySupport,
    /// Community governance (社区治理).
    CommunityGovernance,
    /// Marriage and family (婚姻家庭).
    MarriageFamily,
    /// Disaster and epidemic response (防灾减灾).
    DisasterResponse,
}

impl Category {
    /// Every category, in declaration order.
    pub const ALL: [Category; 7] = [
        Category::SocialAssistance,
        Category::ElderlyCare,
        Category::ChildProtection,
        Category::DisabilitySupport,
        Category::CommunityGovernance,
        Category::MarriageFamily,
        Category::DisasterResponse,
    ];
}

/// A volunteer skill (Volunteer Service Regulations art. 15–16).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Skill {
    /// Visiting and keeping company.
    Companionship,
    /// Homework help and reading.
    Tutoring,
    /// First aid (certified).
    FirstAid,
    /// Personal care and nursing help.
    Caregiving,
    /// Rehabilitation exercises.
    Rehabilitation,
    /// Home repair and safety modification.
    HomeRepair,
    /// Psychological support.
    Counselling,
    /// Driving residents to appointments.
    Driving,
    /// Legal aid.
    LegalAid,
    /// Sign language.
    SignLanguage,
}

impl Skill {
    /// Every skill, in declaration order.
    pub const ALL: [Skill; 10] = [
        Skill::Companionship,
        Skill::Tutoring,
        Skill::FirstAid,
        Skill::Caregiving,
        Skill::Rehabilitation,
        Skill::HomeRepair,
        Skill::Counselling,
        Skill::Driving,
        Skill::LegalAid,
        Skill::SignLanguage,
    ];
}

/// Social-work licence level, ordered from lowest to highest.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Licence {
    /// A practitioner without a licence (local social worker).
    Unlicensed,
    /// Assistant social worker (助理社会工作师).
    Assistant,
    /// Social worker (社会工作师).
    SocialWorker,
    /// Senior social worker (高级社会工作师).
    Senior,
}

/// Risk tier of a need, which sets its service level and priority.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum RiskTier {
    /// High risk (80+ living alone, left-behind, life-threatening illness): first contact
    /// within 24 hours, visits at least weekly.
    High,
    /// Key groups (disabled elderly, dispersed extreme poverty, orphans, children in
    /// difficulty): at least monthly.
    Key,
    /// General: at least quarterly.
    General,
}

impl RiskTier {
    /// Every tier, most urgent first.
    pub const ALL: [RiskTier; 3] = [RiskTier::High, RiskTier::Key, RiskTier::General];
}

/// Elderly ability level (GB/T 42195-2022), from intact to total loss.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum AbilityLevel {
    /// Ability intact.
    Intact,
    /// Mild loss.
    Mild,
    /// Moderate loss.
    Moderate,
    /// Severe loss.
    Severe,
    /// Total loss.
    Total,
}

/// Why a child is in difficulty.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ChildCause {
    /// Family poverty.
    FamilyPoverty,
    /// The child's own disability or serious illness.
    OwnDisability,
    /// Missing or improper guardianship.
    Guardianship,
}

/// A vulnerability group a resident belongs to: the priority beneficiaries the source article
/// names (elderly people and children in difficulty, left-behind children, disabled people,
/// minimum-living-allowance families).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case", deny_unknown_fields)]
pub enum Vulnerability {
    /// Elderly person in difficulty, with ability level.
    ElderlyInDifficulty {
        /// Ability level.
        ability: AbilityLevel,
    },
    /// Child in difficulty, with cause.
    ChildInDifficulty {
        /// Cause.
        cause: ChildCause,
    },
    /// Left-behind child.
    LeftBehindChild,
    /// Disabled person with certificate grade 1 (most severe) to 4.
    Disabled {
        /// Grade 1..=4.
        grade: u8,
    },
    /// Member of a minimum-living-allowance (低保) family.
    MinimumLivingAllowance,
    /// Extreme poverty (特困) support.
    ExtremePoverty,
}

impl Vulnerability {
    /// The beneficiary group this vulnerability places a resident in (for earmarks).
    pub fn group(self) -> BeneficiaryGroup {
        match self {
            Vulnerability::ElderlyInDifficulty { .. } => BeneficiaryGroup::Elderly,
            Vulnerability::ChildInDifficulty { .. } | Vulnerability::LeftBehindChild => {
                BeneficiaryGroup::Children
            }
            Vulnerability::Disabled { .. } => BeneficiaryGroup::Disabled,
            Vulnerability::MinimumLivingAllowance => BeneficiaryGroup::LowIncome,
            Vulnerability::ExtremePoverty => BeneficiaryGroup::ExtremePoverty,
        }
    }
}

/// A beneficiary group that charity money can be earmarked for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum BeneficiaryGroup {
    /// Elderly people in difficulty.
    Elderly,
    /// Children in difficulty, including left-behind children.
    Children,
    /// Disabled people.
    Disabled,
    /// Minimum-living-allowance families.
    LowIncome,
    /// Extreme-poverty support.
    ExtremePoverty,
}

/// Part of a day.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum DayPart {
    /// 08:00–12:00.
    Morning,
    /// 12:00–18:00.
    Afternoon,
    /// 18:00–22:00.
    Evening,
}

/// Day of the week.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Weekday {
    /// Monday.
    Mon,
    /// Tuesday.
    Tue,
    /// Wednesday.
    Wed,
    /// Thursday.
    Thu,
    /// Friday.
    Fri,
    /// Saturday.
    Sat,
    /// Sunday.
    Sun,
}

/// A recurring weekly time slot: a day part on a weekday. In files it is one string,
/// `"<day>_<part>"`, e.g. `"mon_morning"`, `"sun_evening"`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct WeeklySlot {
    /// Day of the week.
    pub day: Weekday,
    /// Part of the day.
    pub part: DayPart,
}

impl WeeklySlot {
    const DAYS: [(Weekday, &'static str); 7] = [
        (Weekday::Mon, "mon"),
        (Weekday::Tue, "tue"),
        (Weekday::Wed, "wed"),
        (Weekday::Thu, "thu"),
        (Weekday::Fri, "fri"),
        (Weekday::Sat, "sat"),
        (Weekday::Sun, "sun"),
    ];
    const PARTS: [(DayPart, &'static str); 3] = [
        (DayPart::Morning, "morning"),
        (DayPart::Afternoon, "afternoon"),
        (DayPart::Evening, "evening"),
    ];

    /// The slot `part` on `day`.
    ///
    /// ```
    /// use wushe::model::{DayPart, Weekday, WeeklySlot};
    /// let slot = WeeklySlot::new(Weekday::Sat, DayPart::Morning);
    /// assert_eq!(slot.to_string(), "sat_morning");
    /// ```
    pub const fn new(day: Weekday, part: DayPart) -> WeeklySlot {
        WeeklySlot { day, part }
    }

    /// Every slot of the week, Monday morning first.
    pub fn all() -> impl Iterator<Item = WeeklySlot> {
        Self::DAYS.into_iter().flat_map(|(day, _)| {
            Self::PARTS
                .into_iter()
                .map(move |(part, _)| WeeklySlot { day, part })
        })
    }
}

impl std::fmt::Display for WeeklySlot {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let day = Self::DAYS
            .iter()
            .find(|(d, _)| *d == self.day)
            .map_or("?", |x| x.1);
        let part = Self::PARTS
            .iter()
            .find(|(p, _)| *p == self.part)
            .map_or("?", |x| x.1);
        write!(f, "{day}_{part}")
    }
}

/// A slot string that is not `"<day>_<part>"`.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("not a weekly slot like \"mon_morning\": \"{text}\"")]
pub struct SlotParseError {
    /// The rejected text (an escaped excerpt, see [`crate::excerpt`]).
    pub text: String,
}

impl std::str::FromStr for WeeklySlot {
    type Err = SlotParseError;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let err = || SlotParseError {
            text: crate::excerpt::excerpt(s),
        };
        let (day, part) = s.split_once('_').ok_or_else(err)?;
        let day = Self::DAYS
            .iter()
            .find(|(_, n)| *n == day)
            .ok_or_else(err)?
            .0;
        let part = Self::PARTS
            .iter()
            .find(|(_, n)| *n == part)
            .ok_or_else(err)?
            .0;
        Ok(WeeklySlot { day, part })
    }
}

impl TryFrom<String> for WeeklySlot {
    type Error = SlotParseError;

    fn try_from(s: String) -> Result<Self, Self::Error> {
        s.parse()
    }
}

impl From<WeeklySlot> for String {
    fn from(slot: WeeklySlot) -> String {
        slot.to_string()
    }
}

/// A set of weekly slots (availability of a volunteer, or when a need's visits can happen).
pub type WeeklySlots = BTreeSet<WeeklySlot>;

/// What a charity resource holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case", deny_unknown_fields)]
pub enum ResourceKind {
    /// Money, counted in fen (0.01 yuan).
    Money,
    /// Goods of one kind, counted in units.
    Goods {
        /// Which goods.
        item: GoodsItem,
    },
}

/// Kinds of goods handled by charity resources.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum GoodsItem {
    /// Food parcels.
    FoodParcel,
    /// Assistive devices (wheelchairs, walkers).
    AssistiveDevice,
    /// School supplies.
    SchoolSupplies,
    /// Home-safety kits (grab bars, smoke alarms).
    HomeSafetyKit,
    /// Winter clothing and bedding.
    WinterClothing,
}

/// A named service an organization offers beyond its categories, which a need may ask of
/// its delivering organization ([`crate::model::RoleSpec::Service`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Service {
    /// Training family carers (照护技能培训).
    CareTraining,
    /// Home-safety modification: grab bars, ramps, lighting (居家适老化改造).
    HomeSafetyModification,
    /// Rehabilitation (康复服务).
    Rehabilitation,
    /// Psychological support and counselling (心理疏导).
    PsychologicalSupport,
    /// Legal aid (法律援助).
    LegalAid,
}

impl Service {
    /// Every service, in declaration order.
    pub const ALL: [Service; 5] = [
        Service::CareTraining,
        Service::HomeSafetyModification,
        Service::Rehabilitation,
        Service::PsychologicalSupport,
        Service::LegalAid,
    ];
}

words! {
    Service {
        CareTraining => "care_training", "care training";
        HomeSafetyModification => "home_safety_modification", "home-safety modification";
        Rehabilitation => "rehabilitation", "rehabilitation";
        PsychologicalSupport => "psychological_support", "psychological support";
        LegalAid => "legal_aid", "legal aid";
    }
    Category {
        SocialAssistance => "social_assistance", "social assistance";
        ElderlyCare => "elderly_care", "elderly care";
        ChildProtection => "child_protection", "child protection";
        DisabilitySupport => "disability_support", "disability support";
        CommunityGovernance => "community_governance", "community governance";
        MarriageFamily => "marriage_family", "marriage and family";
        DisasterResponse => "disaster_response", "disaster response";
    }
    Skill {
        Companionship => "companionship", "companionship";
        Tutoring => "tutoring", "tutoring";
        FirstAid => "first_aid", "first aid";
        Caregiving => "caregiving", "caregiving";
        Rehabilitation => "rehabilitation", "rehabilitation";
        HomeRepair => "home_repair", "home repair";
        Counselling => "counselling", "counselling";
        Driving => "driving", "driving";
        LegalAid => "legal_aid", "legal aid";
        SignLanguage => "sign_language", "sign language";
    }
    Licence {
        Unlicensed => "unlicensed", "unlicensed";
        Assistant => "assistant", "assistant social worker";
        SocialWorker => "social_worker", "social worker";
        Senior => "senior", "senior social worker";
    }
    RiskTier {
        High => "high", "high risk";
        Key => "key", "key group";
        General => "general", "general";
    }
    AbilityLevel {
        Intact => "intact", "ability intact";
        Mild => "mild", "mild loss of ability";
        Moderate => "moderate", "moderate loss of ability";
        Severe => "severe", "severe loss of ability";
        Total => "total", "total loss of ability";
    }
    ChildCause {
        FamilyPoverty => "family_poverty", "family poverty";
        OwnDisability => "own_disability", "own disability or illness";
        Guardianship => "guardianship", "missing or improper guardianship";
    }
    BeneficiaryGroup {
        Elderly => "elderly", "elderly people";
        Children => "children", "children";
        Disabled => "disabled", "disabled people";
        LowIncome => "low_income", "minimum-living-allowance families";
        ExtremePoverty => "extreme_poverty", "extreme poverty";
    }
    DayPart {
        Morning => "morning", "morning";
        Afternoon => "afternoon", "afternoon";
        Evening => "evening", "evening";
    }
    Weekday {
        Mon => "mon", "Monday";
        Tue => "tue", "Tuesday";
        Wed => "wed", "Wednesday";
        Thu => "thu", "Thursday";
        Fri => "fri", "Friday";
        Sat => "sat", "Saturday";
        Sun => "sun", "Sunday";
    }
    GoodsItem {
        FoodParcel => "food_parcel", "food parcels";
        AssistiveDevice => "assistive_device", "assistive devices";
        SchoolSupplies => "school_supplies", "school supplies";
        HomeSafetyKit => "home_safety_kit", "home-safety kits";
        WinterClothing => "winter_clothing", "winter clothing";
    }
}

impl std::fmt::Display for Vulnerability {
    /// `elderly in difficulty (mild loss of ability)`, `child in difficulty (family poverty)`,
    /// `left-behind child`, `disabled (grade 2)`, `minimum living allowance`,
    /// `extreme poverty`.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Vulnerability::ElderlyInDifficulty { ability } => {
                write!(f, "elderly in difficulty ({ability})")
            }
            Vulnerability::ChildInDifficulty { cause } => {
                write!(f, "child in difficulty ({cause})")
            }
            Vulnerability::LeftBehindChild => f.write_str("left-behind child"),
            Vulnerability::Disabled { grade } => write!(f, "disabled (grade {grade})"),
            Vulnerability::MinimumLivingAllowance => f.write_str("minimum living allowance"),
            Vulnerability::ExtremePoverty => f.write_str("extreme poverty"),
        }
    }
}

impl std::fmt::Display for ResourceKind {
    /// `money`, or `goods: food parcels`.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            ResourceKind::Money => f.write_str("money"),
            ResourceKind::Goods { item } => write!(f, "goods: {item}"),
        }
    }
}
