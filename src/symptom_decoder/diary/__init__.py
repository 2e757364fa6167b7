"""The cramp diary: what a person records about herself, and what we can honestly read from it.

- ``profile`` keeps the dates of the pregnancy (due date or last period), age band, allergies
  and diet, and computes the gestational week for any date; ``assessments`` saves what the
  engine answered with the knowledge version it used.
- ``episodes`` logs, lists, edits and deletes cramp episodes; ``days`` keeps the context of a
  day (fluids, supplements, stretching, standing); ``csvfile`` exports and imports both.
- ``times`` turns what people type into instants with a zone, and says which local day and
  whether night an instant falls in.
- ``trends`` counts episodes per week, night against day and by gestational week, and compares
  the rate before and after a change, with its cautions; ``charts`` draws the trends.
- ``errors`` is the one exception family: every bad input names its field.

Services are plain functions over a SQLAlchemy ``Session`` that take the person they act for.
Only ``charts`` touches matplotlib, lazily. ``parse_whole`` and ``parse_number`` read a typed
number and name the field when it is not one, for the command line as for CSV files.
"""

from symptom_decoder.diary._checks import parse_number, parse_whole

__all__ = ["parse_number", "parse_whole"]
