"""The forms of the reports: the report itself, the reporter's answer and withdrawal, and staff's reply
and status. Every field's text is a web UI string (gettext); the route names come from the pack."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils import translation
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from samen.content import Handoff, Localized, control_character
from samen.web.reports.actions import SPECIAL_CATEGORIES, TEXT_MAX
from samen.web.reports.models import STATUSES

NAME_MAX = 150
CONTACT_MAX = 254

SPECIAL_LABELS = {
    "sexual": _("sexual behaviour (for example sexual harassment or unwanted sexual messages)"),
    "health": _("health (physical or mental), my own or someone else’s"),
}


def _plain(value: str) -> str:
    code = control_character(value)
    if code:
        raise forms.ValidationError(
            _("This holds a control character (%(code)s), which is not plain text. Remove it and try again."),
            code="control",
            params={"code": code},
        )
    return value


def _text_field(label: Any, help_text: Any = "") -> forms.CharField:
    return forms.CharField(
        label=label,
        help_text=help_text,
        max_length=TEXT_MAX,
        strip=True,
        error_messages={
            "required": _("Write what you want to say."),
            "max_length": _(
                "Your text is %(show_value)s characters long; it may be at most %(limit_value)s characters."
            ),
        },
        widget=forms.Textarea(attrs={"rows": 8, "spellcheck": "true"}),
    )


class DescribedForm(forms.Form):
    """A form that ties each field's error to the field, after its hint, for screen readers."""

    def describe_errors(self) -> None:
        """Point each field with an error at its hint and its message (``aria-describedby``)."""
        for name in self.errors:
            if name in self.fields:
                field_id = self[name].auto_id
                self.fields[name].widget.attrs["aria-describedby"] = f"{field_id}_helptext {field_id}-error"
                self.fields[name].widget.attrs["aria-invalid"] = "true"


class ReportForm(DescribedForm):
    """A report: to whom, what happened, named or anonymous, and consent for special categories."""

    route = forms.ChoiceField(
        label=_("Who should receive your report?"),
        widget=forms.RadioSelect,
        error_messages={
            "required": _("Choose who should receive your report."),
            "invalid_choice": _("Choose who should receive your report."),
        },
    )
    text = _text_field(
        _("What happened?"),
        _("In your own words: what happened, where (which group or chat) and when. Only what you want."),
    )
    identity = forms.ChoiceField(
        label=_("Do you want to give your name?"),
        choices=(
            ("anonymous", _("No, I report anonymously")),
            ("named", _("Yes, I give my name")),
        ),
        initial="anonymous",
        widget=forms.RadioSelect,
        error_messages={"required": _("Choose whether you give your name.")},
    )
    name = forms.CharField(
        label=_("Your name (only if you give it)"),
        help_text=_("Leave empty to report anonymously."),
        required=False,
        max_length=NAME_MAX,
        strip=True,
    )
    contact = forms.CharField(
        label=_("How can they reach you? (optional)"),
        help_text=_(
            "An e-mail address or phone number, if you want more than the replies on the status page."
        ),
        required=False,
        max_length=CONTACT_MAX,
        strip=True,
    )
    special = forms.MultipleChoiceField(
        label=_("Is your report about one of these? (optional)"),
        help_text=_(
            "This information is specially protected by law. We only accept it with your explicit consent."
        ),
        choices=[(key, SPECIAL_LABELS[key]) for key in SPECIAL_CATEGORIES],
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    consent = forms.BooleanField(
        label=_(
            "I give my explicit consent that the person I chose processes this information about sexual "
            "behaviour or health to help me. I can withdraw my consent by deleting my report."
        ),
        help_text=_("Only needed if you ticked one of the boxes above."),
        required=False,
    )

    def __init__(self, *args: Any, local: Localized, routes: tuple[str, ...], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        names = {route.id: route for route in local.support}
        route_field = self.fields["route"]
        assert isinstance(route_field, forms.ChoiceField)
        route_field.choices = [(r, names[r].name) for r in routes if r in names]
        self.route_help = {r: names[r].when for r in routes if r in names}

    def clean_text(self) -> str:
        """Plain text only."""
        return _plain(self.cleaned_data["text"])

    def clean_name(self) -> str:
        """One line of plain text."""
        value: str = self.cleaned_data["name"]
        if "\n" in value or "\r" in value:
            raise forms.ValidationError(_("Write your name on one line."), code="one_line")
        return _plain(value)

    def clean_contact(self) -> str:
        """One line of plain text."""
        value: str = self.cleaned_data["contact"]
        if "\n" in value or "\r" in value:
            raise forms.ValidationError(_("Write how to reach you on one line."), code="one_line")
        return _plain(value)

    def clean(self) -> dict[str, Any]:
        """A name when named, neither name nor contact when anonymous; consent when a special category is
        ticked.

        An anonymous report with a name or a contact is refused rather than mended: dropping what the
        student typed, or keeping it beside "anonymous", would each do something they did not see.
        """
        data = super().clean() or {}
        if data.get("identity") == "named" and not data.get("name"):
            self.add_error("name", _("Write your name, or choose to report anonymously."))
        if data.get("identity") == "anonymous":
            if data.get("name"):
                self.add_error(
                    "name",
                    _("You chose to report anonymously: empty this field, or choose to give your name."),
                )
            if data.get("contact"):
                self.add_error(
                    "contact",
                    _(
                        "You chose to report anonymously, but how to reach you can tell who you are: empty "
                        "this field, or choose to give your name."
                    ),
                )
        if data.get("special") and not data.get("consent"):
            self.add_error(
                "consent",
                _(
                    "You ticked sexual behaviour or health: give your explicit consent, or untick the box "
                    "and leave those details out."
                ),
            )
        return data


class AnswerForm(DescribedForm):
    """The reporter's answer to a case."""

    text = _text_field(_("Your answer"))


class WithdrawForm(DescribedForm):
    """Withdrawing a report: deleted at once, with every message."""

    confirm = forms.BooleanField(
        label=_("Yes, delete my report and every message in it. This cannot be undone."),
        error_messages={"required": _("Tick the box to confirm that your report may be deleted.")},
    )


class ReplyForm(DescribedForm):
    """A staff member's reply, optionally with warm hand-off texts of the pack appended."""

    reply = forms.CharField(
        label=_("Your reply to the reporter"),
        help_text=_("The reporter reads it on the status page with their code."),
        max_length=TEXT_MAX,
        required=False,
        strip=True,
        widget=forms.Textarea(attrs={"rows": 6, "spellcheck": "true"}),
    )
    handoff = forms.MultipleChoiceField(
        label=_("Add a text for onward help (optional)"),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    def __init__(self, *args: Any, local: Localized, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["handoff"]
        assert isinstance(field, forms.MultipleChoiceField)
        field.choices = [(h.id, h.title) for h in local.handoff]
        self.local = local

    def clean_reply(self) -> str:
        """Plain text only."""
        return _plain(self.cleaned_data["reply"])

    def clean(self) -> dict[str, Any]:
        """A reply needs words or a hand-off text; the chosen hand-offs are appended to the words."""
        data = super().clean() or {}
        chosen = set(data.get("handoff", []))
        # In the pack's order, not the order sent: "in danger right now" comes before a formal complaint.
        parts = [data.get("reply", "")] + [
            handoff_text(item, self.local.code) for item in self.local.handoff if item.id in chosen
        ]
        data["message"] = "\n\n".join(p for p in parts if p)
        if not data["message"] and "reply" not in self.errors:
            self.add_error("reply", _("Write a reply, or choose a text for onward help."))
        return data


def handoff_text(item: Handoff, language: str) -> str:
    """A hand-off as the reporter receives it, in plain text: title, text, and every way to reach it.

    The phone number, link and e-mail address are the pack's, as the case page shows them to staff; the
    status page turns the link and address into links again (``urlize``).
    """
    with translation.override(language):
        reach = [
            f"({gettext('phone')} {item.phone})" if item.phone else "",
            item.link or "",
            item.email or "",
        ]
    return " ".join(part for part in [f"{item.title}: {item.text}", *reach] if part)


class StatusForm(DescribedForm):
    """A case's status."""

    status = forms.ChoiceField(label=_("Status of this case"), choices=STATUSES)
