"""Diet services: what a person eats and takes, against what pregnancy needs.

``foodlog`` turns "1 cup cooked spinach" into a logged food and day totals; ``suggest``
finds foods that close a gap within the pregnancy food-safety rules; ``stack`` adds up the
supplements and antacids against the upper limits (with ``nutrition``, the totals the engine
uses too); ``known`` gathers what the app already knows about a person (week of pregnancy,
food-log averages, saved supplements) to start an assessment with. The command line and the
web app call these; they never hold diet logic themselves.
"""
