"""The claimant page of the green channel (issue 23 item 1): for every case type registered with the green
channel (``casework.public.registry``), a verified worker sees the step bar, hearings, documents served on them
and money recovered for them, and can confirm receipt of a payment, add evidence, write to the handling unit and
ask to withdraw; staff see and answer these on the case page. Per-type facts come from the registration's hooks;
this package never imports a case app."""
