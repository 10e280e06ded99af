"""The domain's words, once: levels, metrics, the 2025 reform, party terms.

Plain Python so the extractor can use it; the Django models and forms take their choices'
codes from here and add the translated labels.
"""

from __future__ import annotations

import datetime

# Levels of the party tree, top down. Until 30/6/2025: province → district → commune or
# grassroots → cell; from 1/7/2025 the district level is gone.
PROVINCE = "province"
DISTRICT = "district"
COMMUNE = "commune"
GRASSROOTS = "grassroots"
CELL = "cell"
LEVELS = (PROVINCE, DISTRICT, COMMUNE, GRASSROOTS, CELL)

# Metrics a figure can state (the corpus README defines each).
ADMITTED = "admitted"
TARGET = "target"
PERCENT_OF_TARGET = "percent_of_target"
TRAINED = "trained"
TRAINED_TARGET = "trained_target"
TRAINED_PERCENT_OF_TARGET = "trained_percent_of_target"
MEMBERS_TOTAL = "members_total"
MEMBERS_POPULATION_PCT = "members_population_pct"
MEMBERS_POPULATION_PCT_TARGET = "members_population_pct_target"
METRICS = (
    ADMITTED,
    TARGET,
    PERCENT_OF_TARGET,
    TRAINED,
    TRAINED_TARGET,
    TRAINED_PERCENT_OF_TARGET,
    MEMBERS_TOTAL,
    MEMBERS_POPULATION_PCT,
    MEMBERS_POPULATION_PCT_TARGET,
)
# A target metric → the metric it is a target for.
TARGET_OF = {
    TARGET: ADMITTED,
    TRAINED_TARGET: TRAINED,
    MEMBERS_POPULATION_PCT_TARGET: MEMBERS_POPULATION_PCT,
}
# The plan a count of people is measured against: what such a count becomes when it is aimed at.
GOAL_OF_COUNT = {ADMITTED: TARGET, TRAINED: TRAINED_TARGET}

# The day the 2025 reform took effect: provinces merged, the district level was abolished.
REFORM_DATE = datetime.date(2025, 7, 1)
