"""The canvas model: dataclasses, validation, load and save, fit rules.

This package must never import textual or questionary: the line mode, the
``check`` and ``export`` commands and the tests all use it without a screen.
"""

from .canvas import (
    ADDRESSED_BY,
    COSTS,
    FORMAT_VERSION,
    ITEM_KINDS,
    MARKETS,
    MEDIUMS,
    MOTIVATIONS,
    OFFER_KINDS,
    OWNERS,
    PHASES,
    PROFILE_KINDS,
    REACHES,
    RELATIONSHIP_TYPES,
    STATUSES,
    STEP_IDS,
    Canvas,
    Channel,
    Item,
    ItemKind,
    Relationship,
    Segment,
    move,
    slugify,
)
from .storage import (
    CanvasError,
    Problem,
    canvas_from_dict,
    canvas_to_dict,
    dump_canvas,
    load_canvas,
    parse_canvas,
    save_canvas,
)
