"""A reporter's district is one of Assam's 35 districts or "Other" (accounts/districts.py), no longer free text.

What reporters typed before is matched to a district by its name whatever the case, spacing or
hyphens, with or without the word "district", in English or Assamese, by the name of its
headquarters town (Guwahati, Tezpur, Silchar...) or by an older name (Karimganj, Sibsagar, North
Cachar Hills...). Anything else becomes "Other". The lists are copied here, not imported, so the
migration keeps doing what it did when the app's code changes.
"""

import re
import unicodedata

from django.db import migrations, models

DISTRICTS = {
    # district: (Assamese name, headquarters and older names)
    "Bajali": ("বজালী", ["Pathsala"]),
    "Baksa": ("বাক্সা", ["Mushalpur"]),
    "Barpeta": ("বৰপেটা", []),
    "Biswanath": ("বিশ্বনাথ", ["Biswanath Chariali"]),
    "Bongaigaon": ("বঙাইগাঁও", []),
    "Cachar": ("কাছাৰ", ["Silchar"]),
    "Charaideo": ("চৰাইদেউ", ["Sonari"]),
    "Chirang": ("চিৰাং", ["Kajalgaon"]),
    "Darrang": ("দৰং", ["Mangaldoi", "Mangaldai"]),
    "Dhemaji": ("ধেমাজি", []),
    "Dhubri": ("ধুবুৰী", []),
    "Dibrugarh": ("ডিব্ৰুগড়", []),
    "Dima Hasao": ("ডিমা হাছাও", ["Haflong", "North Cachar Hills", "N. C. Hills"]),
    "Goalpara": ("গোৱালপাৰা", []),
    "Golaghat": ("গোলাঘাট", []),
    "Hailakandi": ("হাইলাকান্দি", []),
    "Hojai": ("হোজাই", ["Sankardev Nagar"]),
    "Jorhat": ("যোৰহাট", []),
    "Kamrup": ("কামৰূপ", ["Kamrup Rural", "Amingaon"]),
    "Kamrup Metropolitan": ("কামৰূপ মহানগৰ", ["Kamrup Metro", "Guwahati", "Gauhati", "Dispur"]),
    "Karbi Anglong": ("কাৰ্বি আংলং", ["Diphu"]),
    "Kokrajhar": ("কোকৰাঝাৰ", []),
    "Lakhimpur": ("লখিমপুৰ", ["North Lakhimpur"]),
    "Majuli": ("মাজুলী", ["Garamur"]),
    "Morigaon": ("মৰিগাঁও", ["Marigaon"]),
    "Nagaon": ("নগাঁও", ["Nowgong"]),
    "Nalbari": ("নলবাৰী", []),
    "Sivasagar": ("শিৱসাগৰ", ["Sibsagar"]),
    "Sonitpur": ("শোণিতপুৰ", ["Tezpur"]),
    "South Salmara-Mankachar": ("দক্ষিণ শালমাৰা-মানকাচৰ", ["Hatsingimari"]),
    "Sribhumi": ("শ্ৰীভূমি", ["Karimganj", "কৰিমগঞ্জ"]),
    "Tamulpur": ("তামুলপুৰ", []),
    "Tinsukia": ("তিনিচুকীয়া", []),
    "Udalguri": ("ওদালগুৰি", []),
    "West Karbi Anglong": ("পশ্চিম কাৰ্বি আংলং", ["Hamren"]),
}
OTHER = "Other"


def _key(text):
    text = unicodedata.normalize("NFC", text).casefold().strip()
    text = re.sub(r"\s+(district|dist\.?|জিলা)$", "", text)
    return re.sub(r"[\s\-\u2013_.,()'’]+", "", text)


NAMES = {
    _key(name): district
    for district, (assamese, others) in DISTRICTS.items()
    for name in (district, assamese, *others)
}


def district_for(text):
    """The district a reporter meant by `text` (what they typed before), "Other" if none; "" stays ""."""
    if not (text or "").strip():
        return ""
    return NAMES.get(_key(text), OTHER)


def forwards(apps, schema_editor):
    Reporter = apps.get_model("accounts", "Reporter")
    typed = Reporter.objects.exclude(district="").values_list("district", flat=True).distinct()
    for old in list(typed):
        new = district_for(old)
        if new != old:
            Reporter.objects.filter(district=old).update(district=new)


class Migration(migrations.Migration):

    dependencies = [
        ('accounts', '0004_reporter_terms'),
    ]

    operations = [
        migrations.AlterField(
            model_name='reporter',
            name='district',
            field=models.CharField(blank=True, choices=[('Bajali', 'Bajali'), ('Baksa', 'Baksa'), ('Barpeta', 'Barpeta'), ('Biswanath', 'Biswanath'), ('Bongaigaon', 'Bongaigaon'), ('Cachar', 'Cachar'), ('Charaideo', 'Charaideo'), ('Chirang', 'Chirang'), ('Darrang', 'Darrang'), ('Dhemaji', 'Dhemaji'), ('Dhubri', 'Dhubri'), ('Dibrugarh', 'Dibrugarh'), ('Dima Hasao', 'Dima Hasao'), ('Goalpara', 'Goalpara'), ('Golaghat', 'Golaghat'), ('Hailakandi', 'Hailakandi'), ('Hojai', 'Hojai'), ('Jorhat', 'Jorhat'), ('Kamrup', 'Kamrup'), ('Kamrup Metropolitan', 'Kamrup Metropolitan'), ('Karbi Anglong', 'Karbi Anglong'), ('Kokrajhar', 'Kokrajhar'), ('Lakhimpur', 'Lakhimpur'), ('Majuli', 'Majuli'), ('Morigaon', 'Morigaon'), ('Nagaon', 'Nagaon'), ('Nalbari', 'Nalbari'), ('Sivasagar', 'Sivasagar'), ('Sonitpur', 'Sonitpur'), ('South Salmara-Mankachar', 'South Salmara-Mankachar'), ('Sribhumi', 'Sribhumi (Karimganj)'), ('Tamulpur', 'Tamulpur'), ('Tinsukia', 'Tinsukia'), ('Udalguri', 'Udalguri'), ('West Karbi Anglong', 'West Karbi Anglong'), ('Other', 'Other (outside Assam)')], max_length=100, verbose_name='district'),
        ),
        migrations.RunPython(forwards, migrations.RunPython.noop),
    ]
