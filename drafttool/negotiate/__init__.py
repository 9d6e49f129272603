"""The negotiation on top of the text: `delegations` (the registry), `proposals` (amendments
and applying them), `amendments` (a delegation's copy read as proposals), `attribution`
(changes → proposals → delegations, and the origin of each passage), `compilation` (a round
with its proposals inline), `progress` (statuses and outcomes counted). Takes and returns
model values; the store is read and written by `drafttool.operations`.
"""
