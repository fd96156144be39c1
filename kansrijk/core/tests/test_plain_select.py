"""`PlainSelect` writes the same select as Django's `Select`: the field's attributes and
style, every option with its value, the chosen one selected, and labels escaped."""

from django import forms

from kansrijk.core.forms import Form, PlainSelect


class ChoiceForm(Form):
    who = forms.TypedChoiceField(
        coerce=int,
        required=False,
        widget=PlainSelect,
        choices=[("", "Kies"), (1, "Anna <Jansen>"), (2, "Bram & co")],
    )


def test_it_renders_the_options_with_the_choice_selected_and_labels_escaped():
    html = str(ChoiceForm(data={"who": "2"})["who"])
    assert html.startswith('<select name="who" class="utrecht-select utrecht-select--html-select"')
    assert 'id="id_who"' in html
    assert '<option value="">Kies</option>' in html
    assert '<option value="1">Anna &lt;Jansen&gt;</option>' in html
    assert '<option value="2" selected>Bram &amp; co</option>' in html
    assert html.endswith("</select>")


def test_an_invalid_choice_marks_the_field_invalid():
    form = ChoiceForm(data={"who": "9"})
    assert not form.is_valid()
    html = str(form["who"])
    assert 'aria-invalid="true"' in html
    assert "utrecht-textbox--invalid" in html
