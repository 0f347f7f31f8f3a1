"""Construction wage-payment monitoring and early warning (MWWR Arts 24–34; issue 21).

* ``sheets`` — the roster, attendance and pay-sheet columns and row checks (read by ``casework.sheet_import``);
* ``imports`` — importing them all or nothing, then evaluating the project's months;
* ``rules`` — what each warning rule checks, one aggregate query per rule;
* ``evaluate`` — raising warnings idempotently and telling the inspectors;
* ``handling`` — closing a warning, opening an arrears case from it, drawing the deposit;
* ``selectors`` — the warning lists and the risk view's figures.
"""
