"""The summary for the midwife or doctor: one page that answers how often, how bad, since
when, what was checked, what she takes and what worries the tool, with codes for the record.

- ``service`` loads what is stored for one person and calls ``build``, a pure function that
  turns it into the frozen data of ``model``; ``cramps`` reads the diary through
  ``diary.trends`` (a small adapter, so the comparison can be swapped in one place);
  ``_warnings`` sets the check's warnings beside the supplements table, as of now.
- ``exporters`` is the one protocol and registry for file formats; ``pdf`` (fpdf2, one
  page), ``fhir`` (an R4B document Bundle) and ``markdown`` register there. ``words`` holds
  the labels they share with the web page.
- Codes, units and usual ranges come from the knowledge pack's ``records.yaml``.
"""
