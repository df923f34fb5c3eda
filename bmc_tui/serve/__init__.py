"""The workshop server (``bmc-tui serve``): the interview in participants' browsers.

Needs the optional extra ``pip install 'bmc-tui[serve]'`` (textual-serve); nothing here
is imported by the other front ends.
"""
