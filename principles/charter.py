"""The text of the Charter's 11 principles, word for word from the guide for data professionals.

Read only by the data migration that creates the ``Principle`` rows (and by its test).
"""

PRINCIPLES = [
    (
        1,
        "Beneficial",
        "Use data and AI for the good and benefit of the community and the Liverpool City Region "
        "(LCR). Where possible, benefits should reach wider society as well.",
    ),
    (
        2,
        "Security",
        "Ensure that the Five Safes (Safe Data, Projects, People, Settings, and Outputs) and the "
        "UK General Data Protection Regulation are being adhered to.",
    ),
    (
        3,
        "Accountability",
        "Ensure accountability at all levels including a declaration of responsibility for each "
        "data and AI project.",
    ),
    (
        4,
        "Transparency",
        "Inspire trust between organisations and residents by being honest in how data is "
        "collected, used, and implemented in projects.",
    ),
    (
        5,
        "Inclusivity",
        "Promote fairness, universal access, and equity in the development of data and AI "
        "innovation. Ensure that diverse and affected communities are involved and heard "
        "throughout the life of the project.",
    ),
    (6, "Privacy", "Protect the dignity, identities and privacy of LCR residents."),
    (
        7,
        "Legality",
        "Keep up to date on legislation and policy changes with data and AI. Always abide by and "
        "adhere to the rule of law.",
    ),
    (
        8,
        "Trustworthy",
        "Communicate on outcomes through a public register of data and AI projects. Flag projects "
        "which use AI to raise awareness.",
    ),
    (
        9,
        "Governance",
        "Ensure that actions have consequences. Projects and people must recognise that "
        "innovation with data and AI has risks. Harms and risks must be appropriately managed "
        "throughout the lifecycle of a project.",
    ),
    (
        10,
        "Balanced Innovation",
        "Use Data and AI to drive innovation in the LCR. But, counteract negative impacts on the "
        "environment and wellbeing of future generations. Where data and AI negatively impact "
        "employment make sure this is offset by upskilling and benefits to community. "
        "Bureaucracy should not stifle community benefit.",
    ),
    (
        11,
        "Oversight",
        "An independent review takes place at minimum every two years on partners' use of the "
        "Charter. Changes to the Charter are informed by this review.",
    ),
]

# The residents' top five, from the launch announcement.
RESIDENTS_TOP_FIVE = {1, 2, 3, 4, 5}

PRINCIPLE_NAMES = {number: name for number, name, _text in PRINCIPLES}
