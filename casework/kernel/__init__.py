"""The case-type contract: what a case type declares once, and what the kernel serves from it.

``registry``  — ``CaseType`` and ``register_case_type`` (one call per case type, from its app's ``ready``);
``writes``    — who may change what: the role × action matrix, checked before input and state;
``api``/``pages`` — the one transition and action endpoint for every registered type;
``lists``     — the staff lists: filters, filter form, urgency order (the list indexes), the page;
``case_page`` — the frame of a case page and its assign card; ``serializers`` — the API's case fields.
See docs/architecture.md.
"""
