"""Services: every change of state, one module per concern.

- `imports`: articles in, drafts reviewed, candidates turned into figures and targets.
- `reported`: figures and targets entered, edited, accepted, rejected or deleted by hand.
- `progress`: the maintained progress table, kept current by the two above in their transaction.
"""
