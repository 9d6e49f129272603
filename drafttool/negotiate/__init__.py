"""The negotiation on top of the text: `delegations` (the registry), `anchors` (the
paragraph and the words a proposal names), `proposals` (checking and applying them),
`carrying` (pending proposals re-anchored on a newer round), `amendments` (a delegation's
copy read as proposals), `instructions` (a UN amendment document read as proposals),
`attribution` (changes → proposals → delegations, and the origin of each passage),
`compilation` (a round with its proposals inline), `progress` (statuses and outcomes
counted). Takes and returns model values; the store is read and written by
`drafttool.operations`.
"""
