"""What the demo people are going through, in the words each stage of the journey records.

Every story is made up. `supports` names two services in the demo directory (data/demo/) that the CLP
links the person to; Springburn Men's Shed is looked after on Linkpad by the demo community
organisation, so its referrals go to that organisation's inbox; the others answer by emailed link.
"""

from dataclasses import dataclass

from linkpad.casework.models import ClosureReason
from linkpad.referrals.models import ReasonCode


@dataclass(frozen=True)
class Story:
    """What is going on for someone, in the words each stage records. {name} is their first name."""

    reasons: tuple[str, ...]
    referral: str  # the referrer's words
    narrative: str  # what matters, as the CLP wrote it down
    needs: tuple[str, ...]
    strengths: str
    risks: str
    goals: tuple[str, ...]
    linking: tuple[str, ...]  # contact notes while linking
    follow_up: tuple[str, ...]  # contact notes at follow-up
    outcome: str  # how things stand at the end
    supports: tuple[str, str]  # services in the demo directory, the first linked first


R = ReasonCode
STORIES = [
    Story(
        reasons=(R.DEBT, R.MENTAL_WELLBEING),
        referral="Council tax arrears and catalogue debts. Not opening letters, not sleeping, low mood. "
        "Agreed to see the CLP.",
        narrative="{name} has a pile of unopened letters in a drawer and can't face them. Worried the "
        "sheriff officers will come to the door. Sleeping three or four hours a night. Says what matters "
        "most is 'getting on top of it so I can breathe again'.",
        needs=(R.DEBT, R.MONEY, R.MENTAL_WELLBEING),
        strengths="Honest about what is going on. Close to a sister in Balornock.",
        risks="No thoughts of self-harm when asked. Low mood for several months.",
        goals=(
            "Open the letters with someone and know exactly what I owe",
            "Get a payment plan for the council tax I can afford",
            "Sleep through more nights",
        ),
        linking=(
            "Went through the letters together at the practice. Booked with the money advice service; "
            "{name} wants me there for the first appointment.",
            "Went with {name} to the money advice appointment. They will deal with the council and the "
            "catalogue companies directly.",
        ),
        follow_up=(
            "Payment arrangement agreed for the council tax. {name} says the weight has lifted.",
            "Sleeping better. Has started opening the post every morning with a cup of tea.",
            "Checked in by phone. Still on track with payments.",
        ),
        outcome="Debts are in a payment plan and {name} is managing the post without help.",
        supports=("Northside Money Advice: debt and benefits drop-ins", "Glasgow Minds Online Community"),
    ),
    Story(
        reasons=(R.BEREAVEMENT, R.LONELINESS),
        referral="Wife died eight months ago after a long illness. Has stopped going out, lost weight. "
        "Daughter worried about them.",
        narrative="{name} nursed their partner for two years and now the days are empty. Hasn't been to "
        "the bowling club since the funeral. What matters: 'having a reason to get dressed in the "
        "morning'. Would like to talk to others who have been through it.",
        needs=(R.BEREAVEMENT, R.LONELINESS, R.FOOD),
        strengths="Good with their hands. Daughter phones every day. Used to be a club treasurer.",
        risks="Not eating proper meals. Says they 'wouldn't do anything daft'.",
        goals=(
            "Go to the bereavement group at least three times",
            "Get back to the bowling club before the season starts",
            "Cook a proper dinner most days",
        ),
        linking=(
            "Phoned the bereavement support group with {name} on speaker. First session is Thursday.",
            "Walked round to the men's shed with {name}; one of the regulars knew them from the bowling club.",
        ),
        follow_up=(
            "Went to the group twice. Found it hard but 'it helps knowing it's not just me'.",
            "Back at the bowling club on Saturdays. Eating better; daughter has noticed.",
            "Low week around the anniversary. Talked it through; still going to the group.",
        ),
        outcome="{name} goes to the bereavement group and the bowling club each week and is eating well.",
        supports=("Springburn Bereavement Café", "Springburn Men's Shed"),
    ),
    Story(
        reasons=(R.LONELINESS, R.PHYSICAL_ACTIVITY),
        referral="Lives alone on the 14th floor. Lift often broken. Says nobody to talk to for days at a "
        "time. Frequent attender with minor complaints.",
        narrative="{name} hasn't left the flat some weeks because of the stairs when the lift is off. "
        "Watches the television all day. What matters: 'company, and getting my legs stronger so the "
        "stairs don't beat me'.",
        needs=(R.LONELINESS, R.PHYSICAL_ACTIVITY, R.HOUSING),
        strengths="Sharp sense of humour. Loves old films. Knows the area well.",
        risks="Fall last winter on the stairs. No pendant alarm.",
        goals=(
            "Get out of the flat at least twice a week",
            "Join a gentle exercise class to build up my legs",
            "Ask the housing association about a move to a lower floor",
        ),
        linking=(
            "Referred to the befriending service; a volunteer will visit on Tuesdays.",
            "Went with {name} to the seated exercise class at the community centre. Stayed for the tea "
            "after.",
        ),
        follow_up=(
            "Volunteer visiting weekly; they go to the cafe together.",
            "Housing association have {name} on the list for a ground-floor flat.",
            "Managing the stairs better. Goes to the class on Mondays and Thursdays.",
        ),
        outcome="{name} is out of the flat most days, has a befriender and is on the transfer list.",
        supports=("Molendinar Befriending", "Springburn Men's Shed"),
    ),
    Story(
        reasons=(R.HOUSING, R.MENTAL_WELLBEING),
        referral="Damp and mould in the flat, youngest child's asthma worse. Housing association not "
        "responding. Very stressed.",
        narrative="Black mould in both bedrooms; {name} has reported it four times. Feels nobody "
        "listens. What matters: 'the weans breathing properly and a landlord that fixes things'.",
        needs=(R.HOUSING, R.MENTAL_WELLBEING, R.MONEY),
        strengths="Organised: has photos and dates of every report. Supportive neighbour.",
        risks="Child's asthma. High stress; not sleeping.",
        goals=(
            "Get the damp in the bedrooms properly fixed",
            "Find out if we can get help with the heating bills",
        ),
        linking=(
            "Helped {name} write a formal complaint with the photos. Referred to the housing advice service.",
            "Referred to the energy advice project for a heating check and grants.",
        ),
        follow_up=(
            "Surveyor visited; works booked for next month.",
            "Energy advice got the family onto the warm home discount.",
            "Work done in the big bedroom. Chasing the second room.",
        ),
        outcome="Damp treated, heating costs down, and {name} knows how to escalate if it comes back.",
        supports=("North West Housing Rights Project", "Eastbank Energy Advice"),
    ),
    Story(
        reasons=(R.CARING, R.MENTAL_WELLBEING),
        referral="Full-time carer for husband with dementia. Exhausted, tearful in the surgery. No breaks.",
        narrative="{name} has cared for their husband day and night for three years. Hasn't had an "
        "evening off in a year. What matters: 'a couple of hours to myself without worrying' and "
        "knowing what happens if they get ill.",
        needs=(R.CARING, R.MENTAL_WELLBEING, R.MONEY),
        strengths="Deep love for her husband. A good friend from church.",
        risks="Carer strain. Not claiming Carer's Allowance. No emergency plan.",
        goals=(
            "Get a regular break each week",
            "Have a carer's emergency plan in place",
            "Check we are getting the benefits we are entitled to",
        ),
        linking=(
            "Referred to the carers centre for an adult carer support plan.",
            "Benefits check through the carers centre: Carer's Allowance claim made.",
        ),
        follow_up=(
            "Day centre place twice a week starting next month. {name} plans to go swimming again.",
            "Emergency plan done with the carers centre.",
            "Went to the carers' cafe; 'nice to be with people who get it'.",
        ),
        outcome="{name} has two breaks a week, an emergency plan and Carer's Allowance in payment.",
        supports=("Kelvin Carers' Network", "Drumchapel Carers' Café"),
    ),
    Story(
        reasons=(R.EMPLOYMENT, R.MENTAL_WELLBEING),
        referral="Lost job in the warehouse six months ago. Low mood, up all night, not leaving the house.",
        narrative="{name} feels useless since losing the job and stays up gaming till five. What "
        "matters: 'a job, any job, and feeling like myself again'. Interested in forklift or driving.",
        needs=(R.EMPLOYMENT, R.MENTAL_WELLBEING, R.MONEY),
        strengths="Good with computers. Used to play five-a-side. Mum is supportive.",
        risks="Low mood; drinking energy drinks all night. Denies thoughts of self-harm.",
        goals=(
            "Get up before ten on weekdays",
            "Get on a course for my forklift licence",
            "Play football again",
        ),
        linking=(
            "Referred to the employability service; keyworker appointment booked.",
            "Found a Wednesday walking football group; {name} wants to try the under-40s one first.",
        ),
        follow_up=(
            "Keyworker has funded the forklift course. Starts in three weeks.",
            "Going to football on Wednesdays. Up by nine most days.",
            "Passed the forklift test. Applying for jobs with the keyworker.",
        ),
        outcome="{name} has a forklift licence, a routine, and is applying for work with a keyworker.",
        supports=("Jobs and Training Drop-in, Maryhill", "Sighthill Walking Football"),
    ),
    Story(
        reasons=(R.MONEY, R.FOOD),
        referral="Universal Credit sanctioned. Has used the food bank twice. Struggling with the PIP form.",
        narrative="{name} was sanctioned after missing an appointment while in hospital. Has £20 until "
        "the next payment. What matters: 'enough to eat and the electric on' and help with the PIP form.",
        needs=(R.MONEY, R.FOOD, R.DIGITAL),
        strengths="Determined. Keeps every letter. Good friends in the close.",
        risks="No gas or electric credit some days. Diabetic and skipping meals.",
        goals=(
            "Challenge the sanction",
            "Get the PIP form in on time",
            "Never be without food in the house",
        ),
        linking=(
            "Food bank voucher and fuel top-up today. Welfare rights appointment booked for the sanction.",
            "Filled in the PIP form together over two sessions.",
        ),
        follow_up=(
            "Sanction overturned on reconsideration; back pay due.",
            "PIP assessment letter arrived. Welfare rights will prepare {name} for it.",
            "Joined the community pantry: £3.50 a week for a bag of shopping.",
        ),
        outcome="Sanction overturned, PIP claim in, and {name} uses the community pantry each week.",
        supports=("Possilpark Community Pantry", "Glasgow Benefit Appeals Support"),
    ),
    Story(
        reasons=(R.LONELINESS, R.DIGITAL),
        referral="Moved to the area after separation. Knows nobody. Not online. Low confidence.",
        narrative="{name} moved here last year and says the days are long. Has never used a smartphone "
        "properly. What matters: 'meeting people, and being able to video call my grandchildren'.",
        needs=(R.LONELINESS, R.DIGITAL),
        strengths="Chatty once comfortable. Loves singing. Grandchildren in Aberdeen.",
        risks="Isolated; few people would notice if unwell.",
        goals=(
            "Learn to video call my grandchildren",
            "Join something where I can meet folk",
        ),
        linking=(
            "Booked onto the library's getting-online sessions; tablet on loan.",
            "Went with {name} to the community choir's open night.",
        ),
        follow_up=(
            "Video called the grandchildren for the first time. 'Grat my eyes out.'",
            "Going to choir every week and has been asked to the Christmas night out.",
        ),
        outcome="{name} video calls family every week and has friends from the choir.",
        supports=("Drumoyne Tech Help Café", "Maryhill Community Choir"),
    ),
    Story(
        reasons=(R.PHYSICAL_ACTIVITY, R.MENTAL_WELLBEING),
        referral="Type 2 diabetes, weight rising, would like to get more active but anxious about gyms.",
        narrative="{name} gets breathless on the hill and feels self-conscious in a gym. What matters: "
        "'being fit enough to keep up with the grandweans in the park'.",
        needs=(R.PHYSICAL_ACTIVITY, R.MENTAL_WELLBEING, R.FOOD),
        strengths="Motivated. Has a dog that needs walking.",
        risks="Blood sugar not well controlled.",
        goals=(
            "Walk 30 minutes five days a week",
            "Try a walking group",
            "Learn some cheap healthy meals",
        ),
        linking=(
            "Went along to the first health walk in the park with {name}.",
            "Booked on the community cooking course at the church hall.",
        ),
        follow_up=(
            "Walking most days with the dog and the Tuesday group.",
            "Made the lentil soup from the course for the whole family.",
            "Missed two walks with a bad knee; back at it now.",
        ),
        outcome="{name} walks most days, cooks from scratch more and feels fitter.",
        supports=("Petershill Health Walk", "Cook and Eat Haghill"),
    ),
    Story(
        reasons=(R.SUBSTANCE_USE, R.LONELINESS),
        referral="Drinking more since retiring. Wife concerned. Wants to cut down and find something to do.",
        narrative="Since retiring from the buses {name} has been at the pub from opening. What matters: "
        "'something to get up for that isn't the pub' and staying healthy for the family.",
        needs=(R.SUBSTANCE_USE, R.LONELINESS, R.PHYSICAL_ACTIVITY),
        strengths="Practical. Good with wood. Wife and son supportive.",
        risks="Around 50 units a week. Raised liver tests.",
        goals=(
            "Cut down to the weekends only",
            "Find something to do with my hands",
        ),
        linking=(
            "Went with {name} to the men's shed on a Monday morning. Stayed two hours.",
            "Referred to the community alcohol service for support cutting down.",
        ),
        follow_up=(
            "At the shed three mornings a week making bird boxes for the school.",
            "Down to about 20 units. Alcohol worker seeing {name} fortnightly.",
        ),
        outcome="{name} is at the men's shed most mornings and drinking much less.",
        supports=("Springburn Men's Shed", "Kelvin Drug and Alcohol Advice"),
    ),
    Story(
        reasons=(R.MENTAL_WELLBEING, R.MONEY, R.LONELINESS),
        referral="Young mum, isolated with a toddler, low mood, money tight since partner left.",
        narrative="{name} spends most days alone in the flat with the wee one. Feels judged at the park. "
        "What matters: 'other mums to talk to' and getting the money sorted.",
        needs=(R.MENTAL_WELLBEING, R.MONEY, R.LONELINESS),
        strengths="Devoted to her daughter. Her gran lives nearby.",
        risks="Postnatal depression last year. Health visitor involved.",
        goals=(
            "Go to a parent and toddler group",
            "Get a benefits check now I'm on my own",
        ),
        linking=(
            "Went with {name} to the stay-and-play at the family centre.",
            "Benefits check booked; she may be missing the Scottish Child Payment.",
        ),
        follow_up=(
            "Going to the stay-and-play on Fridays; swapped numbers with two mums.",
            "Scottish Child Payment and Best Start grant now in payment.",
        ),
        outcome="{name} has other parents to talk to and the money she was missing.",
        supports=("Springburn New Mums' Group", "Hillington Benefits Check"),
    ),
    Story(
        reasons=(R.BEREAVEMENT, R.CARING, R.MONEY),
        referral="Mother died in spring after years of caring for her. Carer's Allowance stopped. Lost.",
        narrative="{name} cared for their mum for nine years and 'doesn't know who I am now'. Money has "
        "dropped with the Carer's Allowance gone. What matters: 'a purpose, and not losing the house'.",
        needs=(R.BEREAVEMENT, R.MONEY, R.EMPLOYMENT),
        strengths="Patient and kind; the neighbours call {name} 'the one who helps'.",
        risks="Grief; rent arrears building.",
        goals=(
            "Sort out the money so I can stay in the house",
            "Talk to someone about Mum",
            "Find volunteering I can do",
        ),
        linking=(
            "Housing officer agreed to pause arrears action while the benefit change goes through.",
            "Referred to bereavement counselling; and to the volunteer centre.",
        ),
        follow_up=(
            "Counselling started. Says it is the first time anyone asked about the caring years.",
            "Volunteering at the food pantry on Wednesdays.",
            "Rent back on track with the housing element sorted.",
        ),
        outcome="{name} has secure housing, counselling, and a volunteering role they love.",
        supports=("Glasgow Bereavement Counselling Service", "Volunteer North West Glasgow"),
    ),
]

DECLINE_AT_TRIAGE = [
    "Needs urgent mental health support rather than community links: passed back to the GP the same day "
    "to refer to the community mental health team.",
    "Lives outwith the practice area now and is registered elsewhere: signposted to their new practice.",
]
DECLINE_AFTER_CONTACT = [
    "Spoke to them: already getting help from the money advice service and doesn't want anything else "
    "just now. Happy to be referred again.",
    "Said the referral was the GP's idea and they feel fine. Left the door open.",
    "Going back to work next week and says there's no time. Gave the CLP's number in case.",
]

CLOSURES = {
    ClosureReason.GOALS_MET: "{outcome} Met the goals we set together and feels able to carry on without "
    "CLP support. Summary sent to the GP.",
    ClosureReason.MOVED_ON: "{name} is now supported week to week by the service we linked them to, who "
    "will be in touch with the practice if needed. Summary sent to the GP.",
    ClosureReason.DECLINED: "After the what matters conversation {name} decided they did not want more "
    "support just now. They know how to come back. GP informed.",
    ClosureReason.NO_CONTACT: "Missed the last appointments and not answering calls or texts. Letter sent "
    "inviting {name} to get back in touch. GP informed.",
    ClosureReason.MOVED_AWAY: "{name} has moved to Lanarkshire and registered with a new practice. Passed "
    "on the details of the link workers there, with their agreement.",
    ClosureReason.OTHER: "{name} has had a long hospital admission and the hospital social work team are "
    "now leading. Happy to pick up again on discharge.",
}
DNA_NOTE = "Did not come to the appointment. Texted to rebook."
CHECK_INS = (
    "Catch-up: things are steady. Talked about what is coming up this month.",
    "Quick call. {name} is keeping going with the plan; nothing new needed.",
    "Met at the practice. A harder fortnight, but still linked in and wants to carry on.",
)


WITHDRAWN = "Spoke to the practice nurse instead and is getting what they needed there. Withdrawn with their agreement."

#: Made-up professionals outside the practice; phone numbers in Ofcom's drama range for Glasgow.
PROFESSIONALS = [
    ("Morven Sutherland", "Health visitor", "Greater Glasgow health visiting team (demo)"),
    ("Ewan Kirkwood", "Housing officer", "Northside Housing Association (demo)"),
    ("Priya Lamont", "Community mental health nurse", "North East community mental health team (demo)"),
    ("Tom Galbraith", "Work coach", "Springburn Jobcentre (demo)"),
]

LINK_DECLINED = "Our group is full until the new year. We have put {name} on our waiting list."
LINK_STOPPED = "{name} went twice and decided it was not for them. Happy to try something else."
LINK_ONGOING = "Going every week now; no need for the CLP to go along."
ACCOMPANYING = "{clp} will meet {name} at the door and go in with them."


#: One concern recorded by the CLP, passed to duty social work, and resolved.
CONCERN = (
    "{name} says a neighbour has been 'borrowing' money from their purse when doing their shopping, "
    "about £40 a week. Worried about falling out with them."
)
CONCERN_SHARED = "What {name} told me, the amounts, and that {name} agreed to the referral."
CONCERN_OUTCOME = "Duty social worker visited within the week; adult support and protection enquiry opened."
CONCERN_RESOLVED = (
    "Council adult protection team involved; shopping now done by a volunteer from the befriending "
    "service. {name} feels safe."
)
