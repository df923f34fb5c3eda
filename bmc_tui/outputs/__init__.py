"""Plain-text reports of a canvas, shared by the line mode and the commands (``check``)."""
