"""The cramp diary: what a person records about herself, and what we can honestly read from it.

- ``profile`` keeps the dates of the pregnancy (due date or last period), age band, allergies
  and diet, and computes the gestational week for any date; ``assessments`` saves what the
  engine answered with the knowledge version it used.
- ``episodes`` logs, lists, edits and deletes cramp episodes; ``days`` keeps a day: "no
  cramps today" and its context (fluids, supplements, stretching, standing); ``csvfile``
  exports and imports both.
- ``times`` turns what people type into instants with a zone, and says which local day and
  whether night an instant falls in.
- ``logged`` says which days the diary can speak for (a week with no entry is left out);
  ``trends`` counts episodes per week, night against day and by gestational week;
  ``compare`` says whether a change helped, with a range that allows for bad spells
  (``_intervals`` holds its distribution functions) and cautions; ``cautions`` fills in the
  words from ``wording.yaml``; ``charts`` draws the trends. ``report`` loads one person's
  diary for them: ``report.compare_for`` is the one comparison every page uses.
- ``errors`` is the one exception family: every bad input names its field.

Services are plain functions over a SQLAlchemy ``Session`` that take the person they act for.
Only ``charts`` touches matplotlib, lazily. ``parse_whole`` and ``parse_number`` read a typed
number and name the field when it is not one, for the command line as for CSV files.
"""

from symptom_decoder.diary._checks import parse_number, parse_whole

__all__ = ["parse_number", "parse_whole"]
