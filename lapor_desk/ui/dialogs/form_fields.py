"""Form fields that check themselves: the input, and a red message under it when it is wrong.

A field checks when the user leaves it (not while typing, which would scold every half-typed
NIK) and re-checks while typing once it shows an error, so the message goes as soon as the value
is right. The rules are the domain's own (``lapor_desk.domain.validation``), so the form and the
service never disagree.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QLineEdit, QPlainTextEdit, QVBoxLayout, QWidget

from lapor_desk.domain import validation as v
from lapor_desk.domain.errors import ValidationError
from lapor_desk.i18n import _
from lapor_desk.ui.dialogs import error_label

_INVALID = "border: 1px solid #a4161a;"

#: The domain's check for each kind of checked field.
_CHECKS: dict[str, Callable[[str], str]] = {
    "nik": v.normalize_nik,
    "phone": v.normalize_phone,
    "email": v.normalize_email,
}


class _Field(QWidget):
    """An input with its error line; subclasses supply the input widget and its text."""

    #: The error was shown or cleared.
    error_changed = Signal()

    def __init__(self, name: str, editor: QWidget, required: str | None) -> None:
        super().__init__()
        self.name = name
        self._required = required
        self._editor = editor
        self.error = error_label()
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(2)
        layout.addWidget(editor)
        layout.addWidget(self.error)

    def value(self) -> str:
        """The text typed, trimmed."""
        raise NotImplementedError

    def problem(self) -> str | None:
        """What is wrong with the value, or ``None``."""
        if self._required and not self.value():
            return _("{label} is required.").format(label=self._required)
        return None

    def check(self) -> bool:
        """Show or clear the error; True when the value is acceptable."""
        problem = self.problem()
        if problem is None:
            self.clear_error()
            return True
        self.show_error(problem)
        return False

    def show_error(self, message: str) -> None:
        """Mark the field and say what is wrong under it."""
        self.error.setText(message)
        self.error.show()
        self._editor.setStyleSheet(_INVALID)
        self.error_changed.emit()

    def clear_error(self) -> None:
        """Remove the mark and the message."""
        was_shown = self.has_error()
        self.error.hide()
        self.error.setText("")
        self._editor.setStyleSheet("")
        if was_shown:
            self.error_changed.emit()

    def has_error(self) -> bool:
        """Whether an error is shown."""
        return not self.error.isHidden()

    def focus(self) -> None:
        """Put the cursor into the field."""
        self._editor.setFocus()

    def _on_edited(self) -> None:
        if self.has_error():
            self.check()


class PlainField(_Field):
    """A one-line text field, perhaps required."""

    def __init__(self, name: str, required: str | None = None) -> None:
        self.edit = QLineEdit()
        super().__init__(name, self.edit, required)
        self.edit.editingFinished.connect(self._on_edit_editing_finished)
        self.edit.textEdited.connect(self._on_edited)

    def value(self) -> str:
        """The text typed, trimmed."""
        return self.edit.text().strip()

    def clear(self) -> None:
        """Empty the field and forget its error."""
        self.edit.clear()
        self.clear_error()

    def _on_edit_editing_finished(self) -> None:
        # An empty required field is reported on saving, not merely for passing through it.
        if self.value() or self.has_error():
            self.check()


class CheckedField(PlainField):
    """A one-line field checked by a domain rule (NIK, phone, e-mail) when not empty."""

    def __init__(self, name: str, kind: str) -> None:
        super().__init__(name)
        self._check = _CHECKS[kind]

    def problem(self) -> str | None:
        """The domain's message for a value it refuses."""
        if not self.value():
            return None
        try:
            self._check(self.value())
        except ValidationError as error:
            return str(error)
        return None


class TextField(_Field):
    """A multi-line text; Tab leaves it (the keyboard-first promise)."""

    def __init__(self, name: str, required: str | None = None) -> None:
        self.edit = QPlainTextEdit()
        self.edit.setTabChangesFocus(True)
        self.edit.setMinimumHeight(120)
        super().__init__(name, self.edit, required)
        self.edit.textChanged.connect(self._on_edited)

    def value(self) -> str:
        """The text typed, trimmed."""
        return self.edit.toPlainText().strip()

    def clear(self) -> None:
        """Empty the field and forget its error."""
        self.edit.clear()
        self.clear_error()


class FieldSet:
    """The checked fields of a form, by the field names the services use in their errors."""

    def __init__(self) -> None:
        self._fields: dict[str, PlainField | TextField] = {}

    def add[F: PlainField | TextField](self, field: F) -> F:
        """Register ``field`` and return it."""
        self._fields[field.name] = field
        return field

    def add_text(self, name: str, required: str | None = None) -> TextField:
        """Create and register a multi-line field."""
        return self.add(TextField(name, required))

    def get(self, name: str) -> PlainField | TextField | None:
        """The field a service error names, if the form has it."""
        return self._fields.get(name)

    def __iter__(self) -> Iterator[PlainField | TextField]:
        return iter(self._fields.values())

    def has_errors(self) -> bool:
        """Whether any field shows an error."""
        return any(field.has_error() for field in self._fields.values())

    def check_all(self) -> PlainField | TextField | None:
        """Check every field; the first one in error, or ``None`` when all are fine."""
        first = None
        for field in self._fields.values():
            if not field.check() and first is None:
                first = field
        return first

    def clear(self) -> None:
        """Empty every field."""
        for field in self._fields.values():
            field.clear()
