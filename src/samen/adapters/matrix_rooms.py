"""What the Matrix bot knows of its rooms: who may change its settings (power levels, and the creators of
version 12 rooms), who its admins are, and its direct rooms with each member (``m.direct``).

State comes from ``/sync`` where it can (:meth:`RoomState.note`), else from the homeserver once per room.
"""

from __future__ import annotations

from typing import Any

from pydantic import ValidationError

from samen.adapters.matrix_client import MatrixClient, RoomID
from samen.adapters.matrix_sync import ClientEvent, CreateContent, PowerLevels

#: Power level from which a member counts as an admin of the room (Element's "Moderator" and up).
ADMIN_LEVEL = 50

#: Room versions in which the creators stand above every power level (MSC4289).
PRIVILEGED_CREATORS = frozenset({"12", "org.matrix.hydra.11"})
CREATOR_LEVEL = 1 << 53

#: A permission the core names → the event type whose power level grants it.
PERMISSION_EVENTS: dict[str, str] = {
    "pin": "m.room.pinned_events",
    "topic": "m.room.topic",
    "image": "m.room.message",
    "send": "m.room.message",
}


def _creators(create: ClientEvent) -> frozenset[str]:
    """The creators an ``m.room.create`` event names, where its room version gives them unlimited power."""
    content = create.content_as(CreateContent)
    if content is None or content.room_version not in PRIVILEGED_CREATORS:
        return frozenset()
    return frozenset([create.sender, *content.additional_creators]) - {""}


class RoomState:
    """The bot's knowledge of its rooms, for one account.

    Args:
        client: the account's client.
    """

    def __init__(self, client: MatrixClient) -> None:
        self.client = client
        self._power: dict[str, PowerLevels] = {}
        self._creators: dict[str, frozenset[str]] = {}
        #: member → the bot's direct room with them (the last one ``m.direct`` names).
        self.direct: dict[str, RoomID] = {}
        #: every room that is a direct chat with someone.
        self.direct_rooms: set[str] = set()

    # -- from /sync ----------------------------------------------------------------------------------

    def note(self, room: str, event: ClientEvent) -> None:
        """Keep what a state event says that the bot needs (the power levels, the creators)."""
        if event.state_key != "":
            return
        if event.type == "m.room.power_levels":
            self._power[room] = event.content_as(PowerLevels) or PowerLevels()
        elif event.type == "m.room.create":
            self._creators[room] = _creators(event)

    def forget(self, room: str) -> None:
        """The bot left a room: its power levels may change without the bot seeing them."""
        self._power.pop(room, None)

    def read_direct(self, content: dict[str, Any]) -> None:
        """Take in the account's ``m.direct`` (member → their direct rooms)."""
        for user, rooms in content.items():
            if isinstance(rooms, list) and rooms:
                self.direct.setdefault(user, RoomID(str(rooms[-1])))
                self.direct_rooms.update(str(r) for r in rooms)

    async def remember_direct(self, user: str, room: RoomID) -> None:
        """Record a direct room with a member, in the account's ``m.direct`` as Element does."""
        self.direct[user] = room
        self.direct_rooms.add(room)
        mapping: dict[str, list[str]] = {}
        for other, other_room in self.direct.items():
            mapping.setdefault(other, []).append(other_room)
        await self.client.set_account_data("m.direct", mapping)

    async def direct_room(self, user: str) -> RoomID:
        """The bot's direct room with a member, opened the first time."""
        room = self.direct.get(user)
        if room is None:
            room = await self.client.create_direct_room(user)
            await self.remember_direct(user, room)
        return room

    # -- power -----------------------------------------------------------------------------------------

    async def power_levels(self, room: str) -> PowerLevels:
        """A room's ``m.room.power_levels`` (cached; refreshed when it changes)."""
        levels = self._power.get(room)
        if levels is None:
            content = await self.client.get_state(room, "m.room.power_levels") or {}
            levels = self._power[room] = (
                ClientEvent(type="m.room.power_levels", content=content).content_as(PowerLevels)
                or PowerLevels()
            )
        return levels

    async def creators(self, room: str) -> frozenset[str]:
        """The room's creators where the room version gives them unlimited power (version 12 on)."""
        found = self._creators.get(room)
        if found is None:
            create = await self.client.get_state(room, "m.room.create", whole=True) or {}
            try:
                found = _creators(ClientEvent.model_validate(create)) if create else frozenset()
            except ValidationError:
                found = frozenset()
            self._creators[room] = found
        return found

    async def level(self, room: str, user: str) -> int:
        """A member's power level in a room (creators of version 12 rooms above everyone)."""
        if user in await self.creators(room):
            return CREATOR_LEVEL
        levels = await self.power_levels(room)
        return levels.users.get(user, levels.users_default)

    async def is_admin(self, room: str, user: str) -> bool:
        """Whether a member may change the bot's settings in a room (moderator or admin)."""
        return await self.level(room, user) >= ADMIN_LEVEL

    async def admins(self, room: str) -> list[str]:
        """The room's admins who are in it now, except the bot: who gets admin notices."""
        levels = await self.power_levels(room)
        members = set(await self.client.joined_members(room))
        me = str(self.client.user_id)
        found = {user for user, level in levels.users.items() if level >= ADMIN_LEVEL}
        found |= await self.creators(room)
        return sorted(user for user in found if user in members and user != me)

    async def level_needed(self, room: str, permission: str) -> tuple[str, int] | None:
        """The event type a permission needs and the power level that gives it; None for another one."""
        event = PERMISSION_EVENTS.get(permission)
        if event is None:
            return None
        levels = await self.power_levels(room)
        default = levels.events_default if event == "m.room.message" else levels.state_default
        return event, levels.events.get(event, default)
