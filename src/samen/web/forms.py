"""The toolkit's form: the admin's own text for the welcome message, and what the group (the lecture, the
course) is called, in the words of its setting (:class:`samen.web.platforms.FormWords`)."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from samen.content import Localized, control_character
from samen.errors import InputError
from samen.render import welcome_opening
from samen.web.platforms import PAGES

#: Far above any platform's message limit; the platform's own limit is checked when the intro is rendered.
ADMIN_TEXT_MAX = 5000
GROUP_KIND_MAX = 60


def _refuse_control(value: str) -> None:
    """The CLI's rule (:func:`samen.content.control_character`), said as the form says things."""
    code = control_character(value)
    if code:
        raise forms.ValidationError(
            _("This holds a control character (%(code)s), which is not plain text. Remove it and try again."),
            code="control",
            params={"code": code},
        )


class IntroForm(forms.Form):
    """What the admin adds to the welcome message. Nothing typed here is stored or logged."""

    admin_text = forms.CharField(
        label=_("Your own words (optional)"),
        help_text="",  # the setting's (platforms.FormWords), set per form
        required=False,
        max_length=ADMIN_TEXT_MAX,
        strip=True,
        error_messages={
            "max_length": _(
                "Your text is %(show_value)s characters long; it may be at most %(limit_value)s characters."
            )
        },
        widget=forms.Textarea(attrs={"rows": 5, "spellcheck": "true"}),
    )
    group = forms.CharField(
        label="",  # the setting's (platforms.FormWords): a group, a lecture or a course
        help_text="",
        required=False,
        max_length=GROUP_KIND_MAX,
        strip=True,
        error_messages={
            "max_length": _(
                "The name is %(show_value)s characters long; it may be at most %(limit_value)s characters."
            )
        },
    )

    def __init__(self, *args: Any, local: Localized, platform: str, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.local, self.platform = local, platform
        # In the words of the setting, in the language of the request the form is made for.
        self.words = PAGES[platform].form
        self.fields["admin_text"].help_text = str(self.words.own_words)
        self.fields["group"].label = str(self.words.name)
        self.fields["group"].help_text = str(self.words.name_hint) % {
            "opening": welcome_opening(local, platform),
            "usual": local.group(platform),
        }

    def clean_admin_text(self) -> str:
        """Plain text: tabs and line breaks, but no control character that would end up in every file."""
        value: str = self.cleaned_data["admin_text"]
        _refuse_control(value)
        return value

    def clean_group(self) -> str:
        """One line only: a name for the group, not a paragraph, and no control character."""
        value: str = self.cleaned_data["group"]
        if "\n" in value or "\r" in value:
            raise forms.ValidationError(str(self.words.one_line), code="one_line")
        _refuse_control(value)
        try:
            return self.local.group_name(self.platform, value) if value else ""
        except InputError:
            raise forms.ValidationError(
                str(self.words.article),
                code="article",
                params={
                    "opening": welcome_opening(self.local, self.platform),
                    "example": self.local.group(self.platform),
                },
            ) from None

    def describe_errors(self) -> None:
        """Tie each field's error message to the field, after its hint, for screen readers."""
        for name in self.errors:
            if name in self.fields:
                field_id = self[name].auto_id
                self.fields[name].widget.attrs["aria-describedby"] = f"{field_id}_helptext {field_id}-error"
