"""Assamese translations of the demo content (articles/demo.py) for seed_demo.

Stories are matched by their English headline (demo.HEADLINES with the place filled in); the body
is translated paragraph by paragraph, keeping the HTML structure of the English one. A story whose
English text this file does not know is left untranslated (it falls back to English), so the
demo never shows a half-translated story. One story gets an English update after its translation
(`OUTDATED_HEADLINE`), so the demo also shows a translation out of date.
"""

import html
import re

from articles import demo
from articles.models import Article, Section, Tag

# Each place in its plain, locative ("in …") and genitive ("of …") forms.
PLACES_AS = {
    "Guwahati": ("গুৱাহাটী", "গুৱাহাটীত", "গুৱাহাটীৰ"),
    "Dibrugarh": ("ডিব্ৰুগড়", "ডিব্ৰুগড়ত", "ডিব্ৰুগড়ৰ"),
    "Jorhat": ("যোৰহাট", "যোৰহাটত", "যোৰহাটৰ"),
    "Tezpur": ("তেজপুৰ", "তেজপুৰত", "তেজপুৰৰ"),
    "Silchar": ("শিলচৰ", "শিলচৰত", "শিলচৰৰ"),
    "Nagaon": ("নগাঁও", "নগাঁৱত", "নগাঁৱৰ"),
    "Barpeta": ("বৰপেটা", "বৰপেটাত", "বৰপেটাৰ"),
    "Sivasagar": ("শিৱসাগৰ", "শিৱসাগৰত", "শিৱসাগৰৰ"),
    "Majuli": ("মাজুলী", "মাজুলীত", "মাজুলীৰ"),
    "Goalpara": ("গোৱালপাৰা", "গোৱালপাৰাত", "গোৱালপাৰাৰ"),
}

SECTIONS_AS = {
    "assam": ("অসম", "অসমৰ প্ৰতিখন জিলাৰ বাতৰি।"),
    "guwahati": ("গুৱাহাটী", "ৰাজধানী চহৰৰ নাগৰিক জীৱন, যান-বাহন, বতৰ আৰু অনুষ্ঠানৰ বাতৰি।"),
    "north-east": ("উত্তৰ-পূব", "অৰুণাচল, মণিপুৰ, মেঘালয়, মিজোৰাম, নগালেণ্ড, ছিকিম আৰু ত্ৰিপুৰা।"),
    "india": ("ভাৰত", "অসমৰ বাবে গুৰুত্বপূৰ্ণ ৰাষ্ট্ৰীয় বাতৰি।"),
    "world": ("বিশ্ব", "আন্তঃৰাষ্ট্ৰীয় বাতৰি।"),
    "business": ("বাণিজ্য", "চাহ, তেল, ব্যৱসায়-বাণিজ্য আৰু ৰাজ্যখনৰ অৰ্থনীতি।"),
    "sports": ("খেল", "ফুটবল, ক্ৰিকেট, এথলেটিক্স আৰু খেলপথাৰত অসমীয়া খেলুৱৈ।"),
    "culture": ("সংস্কৃতি", "বিহু, চলচ্চিত্ৰ, সংগীত, সাহিত্য আৰু কলা।"),
}

TAGS_AS = {
    "brahmaputra": "ব্ৰহ্মপুত্ৰ",
    "floods": "বানপানী",
    "tea-gardens": "চাহ বাগান",
    "bihu": "বিহু",
    "elections": "নিৰ্বাচন",
    "kaziranga": "কাজিৰঙা",
    "education": "শিক্ষা",
    "health": "স্বাস্থ্য",
}

# English headline template (as in demo.HEADLINES) → Assamese, with {place}, {place_loc}, {place_gen}.
HEADLINES_AS = {
    # Assam
    "Flood waters recede in {place} as relief camps begin to close": (
        "{place_loc} বানপানী হ্ৰাস, সাহায্য শিবিৰবোৰ বন্ধ হ'বলৈ আৰম্ভ"
    ),
    "New bridge over the Brahmaputra near {place} opens to traffic": (
        "{place_gen} ওচৰত ব্ৰহ্মপুত্ৰৰ ওপৰৰ নতুন দলং যান-বাহনৰ বাবে মুকলি"
    ),
    "{place} district launches drive to vaccinate every child by March": (
        "মাৰ্চৰ ভিতৰত প্ৰতিটো শিশুক টিকা দিবলৈ {place} জিলাত অভিযান আৰম্ভ"
    ),
    "Farmers in {place} welcome early rain for the sali paddy": (
        "শালি ধানৰ বাবে আগতীয়া বৰষুণক আদৰি ল'লে {place_gen} খেতিয়কে"
    ),
    "{place} college opens its doors to adult learners": ("{place_gen} মহাবিদ্যালয়ৰ দুৱাৰ এতিয়া প্ৰাপ্তবয়স্ক শিক্ষাৰ্থীৰ বাবেও মুকলি"),
    "Heritage walk in {place} draws hundreds of students": "{place_loc} ঐতিহ্য পদযাত্ৰাত শ শ ছাত্ৰ-ছাত্ৰীৰ অংশগ্ৰহণ",
    "{place} gets its first public library with a Braille section": ("ব্ৰেইল শাখাৰে সৈতে {place_loc} প্ৰথমখন ৰাজহুৱা পুথিভঁৰাল"),
    "River erosion threatens three villages near {place}": "{place_gen} ওচৰৰ তিনিখন গাঁও নদীখহনীয়াৰ ভাবুকিৰ মুখত",
    "Panchayat in {place} wins national award for clean water": (
        "বিশুদ্ধ খোৱাপানীৰ বাবে ৰাষ্ট্ৰীয় বঁটা লাভ কৰিলে {place_gen} পঞ্চায়তে"
    ),
    # Guwahati
    "Guwahati's Zoo Road flyover to be ready by the monsoon": "বাৰিষাৰ আগতেই সাজু হ'ব গুৱাহাটীৰ চিৰিয়াখানা পথৰ উৰণসেতু",
    "Smart city buses add night routes across Guwahati": "গুৱাহাটীৰ বিভিন্ন প্ৰান্তত স্মাৰ্ট চিটি বাছৰ নৈশ সেৱা আৰম্ভ",
    "Deepor Beel birds return in record numbers this winter": "এইবাৰৰ শীতত দীপৰ বিললৈ অভিলেখ সংখ্যক চৰাইৰ আগমন",
    "Guwahati's oldest cinema hall reopens as an arts centre": (
        "কলা কেন্দ্ৰ হিচাপে পুনৰ মুকলি হ'ল গুৱাহাটীৰ আটাইতকৈ পুৰণি চিনেমা হল"
    ),
    "Guwahati book fair opens with a record 300 stalls": "অভিলেখ ৩০০টা বিপণীৰে গুৱাহাটী গ্ৰন্থমেলা আৰম্ভ",
    "Waterlogging: Guwahati civic body maps fifty trouble spots": (
        "জলাবদ্ধতা: গুৱাহাটীৰ পঞ্চাশটা সমস্যাজৰ্জৰ ঠাই চিহ্নিত কৰিলে পৌৰ নিগমে"
    ),
    "Fancy Bazaar traders back pedestrian-only Sundays": "দেওবাৰে কেৱল পদযাত্ৰীৰ বাবে পথ: সমৰ্থন ফেন্সী বজাৰৰ ব্যৱসায়ীৰ",
    "New cycle lanes along the Brahmaputra riverfront": "ব্ৰহ্মপুত্ৰৰ পাৰে পাৰে নতুন চাইকেল পথ",
    "Guwahati hospitals add beds for the dengue season": "ডেংগুৰ বতৰৰ বাবে গুৱাহাটীৰ চিকিৎসালয়বোৰত শয্যা বৃদ্ধি",
    # North East
    "Shillong hosts the region's biggest start-up meet": "শ্বিলঙত অঞ্চলটোৰ আটাইতকৈ ডাঙৰ ষ্টাৰ্ট-আপ সন্মিলন",
    "Mizoram schools adopt solar power": "মিজোৰামৰ বিদ্যালয়বোৰে গ্ৰহণ কৰিলে সৌৰশক্তি",
    "Nagaland's Hornbill festival breaks attendance record": "দৰ্শকৰ উপস্থিতিত নতুন অভিলেখ নগালেণ্ডৰ হৰ্ণবিল উৎসৱৰ",
    "Arunachal border roads project reaches remote valleys": "দুৰ্গম উপত্যকা পালেগৈ অৰুণাচলৰ সীমান্ত পথ প্ৰকল্প",
    "Tripura's rubber growers see prices rise": "দাম বৃদ্ধিত লাভৱান ত্ৰিপুৰাৰ ৰবৰ খেতিয়ক",
    "Manipur weavers find new buyers online": "অনলাইনত নতুন ক্ৰেতা পালে মণিপুৰৰ তাঁতশিল্পীয়ে",
    "Sikkim's organic farms draw visiting researchers": "গৱেষকক আকৰ্ষণ কৰিছে ছিকিমৰ জৈৱিক খেতিয়ে",
    # India
    "Railways announce new Rajdhani service to Dibrugarh": "ডিব্ৰুগড়লৈ নতুন ৰাজধানী এক্সপ্ৰেছ সেৱাৰ ঘোষণা ৰেলৱেৰ",
    "Centre releases flood-relief funds for the North East": "উত্তৰ-পূবৰ বাবে বান সাহায্যৰ পুঁজি মুকলি কৰিলে কেন্দ্ৰই",
    "New national park guidelines praise Kaziranga model": "ৰাষ্ট্ৰীয় উদ্যানৰ নতুন নিৰ্দেশনাত কাজিৰঙা আৰ্হিৰ প্ৰশংসা",
    "Parliament passes bill on inland waterways": "আন্তঃদেশীয় জলপথ সম্পৰ্কীয় বিধেয়ক সংসদত গৃহীত",
    "National exam results: Assam students among top scorers": "ৰাষ্ট্ৰীয় পৰীক্ষাৰ ফলাফল: শীৰ্ষস্থানীয়সকলৰ মাজত অসমৰ ছাত্ৰ-ছাত্ৰী",
    "Monsoon forecast: above-normal rain expected in the east": "মৌচুমীৰ পূৰ্বাভাস: পূব ভাৰতত স্বাভাৱিকতকৈ অধিক বৰষুণৰ সম্ভাৱনা",
    # World
    "Tea prices firm at the Colombo auction": "কলম্বোৰ নিলামত চাহৰ দাম দৃঢ়",
    "Bhutan opens new trade route to Assam": "অসমলৈ নতুন বাণিজ্য পথ মুকলি কৰিলে ভূটানে",
    "Himalayan glaciers shrinking faster, study finds": "হিমালয়ৰ হিমবাহ আগতকৈ দ্ৰুতগতিত সংকুচিত হৈছে: গৱেষণা",
    "Asian rivers summit calls for shared flood warnings": "বানপানীৰ সতৰ্কবাণী ভাগ-বতৰা কৰিবলৈ এছিয়াৰ নদী সন্মিলনৰ আহ্বান",
    "Bangladesh and India agree on new border trade posts": "নতুন সীমান্ত বাণিজ্য কেন্দ্ৰ স্থাপনত সন্মত বাংলাদেশ আৰু ভাৰত",
    # Business
    "Assam tea exports climb for the third straight quarter": "একেৰাহে তৃতীয়টো ত্ৰৈমাসিকত বাঢ়িল অসমৰ চাহ ৰপ্তানি",
    "Silk weavers of Sualkuchi see record festive sales": "উৎসৱৰ বতৰত শুৱালকুছিৰ তাঁতশিল্পীৰ অভিলেখ বিক্ৰী",
    "Muga silk gets a boost from new export rules": "নতুন ৰপ্তানি নিয়মে মুগা পাটক দিলে নতুন গতি",
    "Oil refinery in Numaligarh to double capacity": "দুগুণ হ'ব নুমলীগড় তেল শোধনাগাৰৰ ক্ষমতা",
    "Small tea growers form cooperative to sell direct": "পোনপটীয়াকৈ চাহপাত বিক্ৰীৰ বাবে সমবায় গঠন ক্ষুদ্ৰ চাহ খেতিয়কৰ",
    "New IT park in Guwahati to employ 5,000": "গুৱাহাটীৰ নতুন আইটি পাৰ্কত ৫,০০০ জনে কাম পাব",
    # Sports
    "Assam clinch Ranji Trophy win with a day to spare": "এদিন বাকী থাকোঁতেই ৰঞ্জি ট্ৰফীত অসমৰ জয়",
    "Hima Das returns to the track with a season best": "বতৰৰ শ্ৰেষ্ঠ সময়েৰে ট্ৰেকলৈ উভতিল হিমা দাস",
    "{place} boxers win three golds at the national meet": "ৰাষ্ট্ৰীয় প্ৰতিযোগিতাত {place_gen} মুষ্টিযোদ্ধাৰ তিনিটা সোণ",
    "NorthEast United sign young striker from {place}": "{place_gen} যুৱ ষ্ট্ৰাইকাৰক চুক্তিবদ্ধ কৰিলে নৰ্থইষ্ট ইউনাইটেডে",
    "Barsapara stadium to host a one-day international": "বৰসাপাৰা ষ্টেডিয়ামত অনুষ্ঠিত হ'ব এখন এদিনীয়া আন্তঃৰাষ্ট্ৰীয় মেচ",
    "Schools football league draws 200 teams across Assam": "বিদ্যালয় ফুটবল লীগত অসমৰ ২০০টা দলৰ অংশগ্ৰহণ",
    "Assam's archers shine at the junior nationals": "জুনিয়ৰ ৰাষ্ট্ৰীয় প্ৰতিযোগিতাত উজ্জ্বল অসমৰ ধনুৰ্বিদ",
    # Culture
    "Rongali Bihu: {place} prepares for a week of song and dance": "ৰঙালী বিহু: সপ্তাহজোৰা নাচ-গানৰ বাবে সাজু {place}",
    "Bhupen Hazarika centenary concerts announced": "ভূপেন হাজৰিকাৰ জন্মশতবাৰ্ষিকী উপলক্ষে সংগীতানুষ্ঠানৰ ঘোষণা",
    "Majuli's mask makers pass their craft to a new generation": "নতুন প্ৰজন্মক নিজৰ কলা শিকাইছে মাজুলীৰ মুখা শিল্পীয়ে",
    "Jonbeel Mela: the barter fair that outlived money": "জোনবিল মেলা: টকাৰ যুগতো জীয়াই থকা সাল-সলনিৰ মেলা",
    "Young writers revive Assamese short fiction": "নৱীন লেখকৰ হাতত অসমীয়া চুটিগল্পৰ নৱজাগৰণ",
    "Assamese film wins award at international festival": "আন্তঃৰাষ্ট্ৰীয় চলচ্চিত্ৰ মহোৎসৱত বঁটা লাভ অসমীয়া ছবিৰ",
    "Sattriya dance festival returns to Guwahati": "গুৱাহাটীলৈ উভতি আহিল সত্ৰীয়া নৃত্য মহোৎসৱ",
}

# The Assamese standfirst of each translated demo story, by its English headline in demo.HEADLINES.
SUMMARIES_AS = {
    # Assam
    "Flood waters recede in {place} as relief camps begin to close": (
        "এপষেক বিদ্যালয় আৰু সামূহিক ভৱনত কটোৱাৰ পিছত পৰিয়ালবোৰ ঘৰ-দুৱাৰ চাফ কৰিবলৈ উভতিছে; জিলা প্ৰশাসনে "
        "খোৱাপানী আৰু পিছৰ খেতিৰ বীজক অগ্ৰাধিকাৰ দিছে।"
    ),
    "New bridge over the Brahmaputra near {place} opens to traffic": (
        "দলংখনে দুঘণ্টীয়া নাৱৰ যাত্ৰা দহ মিনিটলৈ কমাই আনিছে, আৰু দুয়োপাৰৰ ব্যৱসায়ীয়ে বস্তুৰ দাম কমিব বুলি আশা কৰিছে।"
    ),
    "{place} district launches drive to vaccinate every child by March": (
        "স্বাস্থ্যকৰ্মীসকল প্ৰতিখন গাঁও আৰু চাহ বাগানৰ প্ৰতিটো লাইনলৈ যাব; দিনত কামত থকা পিতৃ-মাতৃৰ বাবে সন্ধিয়াও টিকাকৰণ চলিব।"
    ),
    "Farmers in {place} welcome early rain for the sali paddy": (
        "কঠীয়াতলী যোৱা বছৰতকৈ এপষেক আগতেই সাজু হৈছে, যদিও কৃষি বিষয়াসকলে মাটি পৰীক্ষা নকৰাকৈ কঠীয়া নিসিঁচিবলৈ সকীয়াই দিছে।"
    ),
    "{place} college opens its doors to adult learners": (
        "হিচাপ-নিকাচ, কম্পিউটাৰ আৰু অসমীয়া সাহিত্যৰ সান্ধ্য শ্ৰেণীৰ বাবে প্ৰথম সপ্তাহতে চাৰিশতকৈও অধিক লোকে আবেদন কৰিছে।"
    ),
    "Heritage walk in {place} draws hundreds of students": (
        "স্থানীয় ইতিহাস সমিতিৰ পথপ্ৰদৰ্শকে তেওঁলোকক পুৰণি দেৱালয়, পুখুৰী আৰু আহোম যুগৰ গড়ৰ কাষেৰে লৈ যায়, যিবোৰ "
        "বহুতেই আগতে মন কৰা নাছিল।"
    ),
    "{place} gets its first public library with a Braille section": (
        "স্বেচ্ছাসেৱকসকলে এবছৰ ধৰি পাঠ্যপুথি আৰু উপন্যাস ব্ৰেইললৈ ৰূপান্তৰ কৰিছে; পুথিভঁৰালে আহিব নোৱাৰা পাঠকক শ্ৰাব্য গ্ৰন্থও ধাৰলৈ দিয়ে।"
    ),
    "River erosion threatens three villages near {place}": (
        "জুনৰ পৰা নৈখনে চল্লিশ মিটাৰ খেতিপথাৰ গ্ৰাস কৰিছে, আৰু পৰিয়ালবোৰে নিজৰ ভঁৰাল ওখ ঠাইলৈ আঁতৰাই নিছে।"
    ),
    "Panchayat in {place} wins national award for clean water": (
        "এতিয়া প্ৰতিটো ঘৰতে পানীৰ টেপ আছে; গাঁওখনে প্ৰতি মাহে নাদৰ পানী পৰীক্ষা কৰি ফলাফল বজাৰত আঁৰি দিয়ে।"
    ),
    # Guwahati
    "Guwahati's Zoo Road flyover to be ready by the monsoon": (
        "অভিযন্তাসকলে কয় যে শেষৰ অংশবোৰ অহা মাহত বহুওৱা হ'ব; তেতিয়ালৈকে বাছবোৰ কাষৰ গলিৰে ঘূৰি যাব।"
    ),
    "Smart city buses add night routes across Guwahati": (
        "ছটা পথত মাজনিশালৈকে বাছ চলিব, যিয়ে ৰেলৱে ষ্টেচন, চিকিৎসালয় আৰু বিশ্ববিদ্যালয়ক সংযোগ কৰিব।"
    ),
    "Deepor Beel birds return in record numbers this winter": (
        "গণনাকাৰীসকলে এশবিধতকৈও অধিক প্ৰজাতিৰ চৰাই পাইছে, তাৰ মাজত বহু বছৰ ইয়াত বাহ নাসজা পেলিকানো আছে।"
    ),
    "Guwahati's oldest cinema hall reopens as an arts centre": (
        "সংস্কাৰ কৰা হলটোৰ প্ৰৱেশকক্ষত পুৰণি প্ৰজেক্টৰটো ৰখা হৈছে, আৰু প্ৰতি দেওবাৰে পুৰণি অসমীয়া ছবি দেখুওৱা হ'ব।"
    ),
    "Waterlogging: Guwahati civic body maps fifty trouble spots": (
        "তালিকাৰ শীৰ্ষত অনিল নগৰ আৰু নবীন নগৰৰ নলা; বন্ধ হৈ থকা নলাৰ খবৰ ৰাইজে ফোনযোগে দিব পাৰিব।"
    ),
    "Fancy Bazaar traders back pedestrian-only Sundays": (
        "দোকানীসকলে কয় যে পৰীক্ষামূলক দেওবাৰবোৰত পৰিয়ালবোৰে বজাৰত অধিক সময় কটাইছিল; আৰক্ষীয়ে সন্ধিয়ালৈকে মালবাহী ট্ৰাক সোমাবলৈ নিদিয়ে।"
    ),
    "Guwahati book fair opens with a record 300 stalls": (
        "সমগ্ৰ উত্তৰ-পূবৰ প্ৰকাশক উপস্থিত; শিশুৰ বাবে সুকীয়া চুক আৰু নৱীন অসমীয়া কবিৰ কবিতা পাঠো আছে।"
    ),
    "New cycle lanes along the Brahmaputra riverfront": (
        "যান-বাহনৰ পৰা পৃথক চাৰি কিলোমিটাৰ দীঘল পথছোৱাই ঘাটবোৰ সংযোগ কৰিছে, আৰু দুয়োমূৰে চাইকেল ভাড়াত পোৱা যাব।"
    ),
    "Guwahati hospitals add beds for the dengue season": (
        "চৰকাৰী চিকিৎসালয়বোৰে দুশ শয্যা সুকীয়াকৈ ৰাখিছে, আৰু পৌৰ নিগমে ৰাজহুৱা সময়সূচী অনুসৰি প্ৰতিটো ৱাৰ্ডত দৰব ছটিয়াব।"
    ),
    # North East
    "Shillong hosts the region's biggest start-up meet": (
        "আঠোখন ৰাজ্যৰ উদ্যোগীয়ে বিনিয়োগকাৰীৰ আগত নিজৰ পৰিকল্পনা দাঙি ধৰে; কৃষিজাত সামগ্ৰী, পৰ্যটন আৰু ডিজিটেল "
        "পৰিশোধে আটাইতকৈ বেছি আগ্ৰহ আকৰ্ষণ কৰে।"
    ),
    "Arunachal border roads project reaches remote valleys": (
        "ওচৰৰ বজাৰলৈ দুদিন খোজ কাঢ়ি যাবলগীয়া গাঁৱৰ মানুহে এতিয়া জীপেৰে এবেলাতে তালৈ যাব পাৰে।"
    ),
    "Tripura's rubber growers see prices rise": (
        "আগৰতলাৰ বজাৰত ভাল দাম পোৱাত দুটা টান বছৰৰ পিছত ক্ষুদ্ৰ খেতিয়কে পুনৰ ৰবৰৰ গছৰ পৰা ৰস সংগ্ৰহ আৰম্ভ কৰিছে।"
    ),
    "Mizoram schools adopt solar power": (
        "চালত বহুওৱা সৌৰ পেনেলে এতিয়া তিনিশতকৈও অধিক বিদ্যালয় পোহৰাইছে, আৰু ৰাহি হোৱা ধনেৰে কম্পিউটাৰ কিনা হৈছে।"
    ),
    "Nagaland's Hornbill festival breaks attendance record": (
        "বিদেশী দৰ্শনাৰ্থীৰ সংখ্যা দুগুণ হৈছে, আৰু কিছামাৰ গাঁওবোৰে কয় যে পঞ্চম দিনৰ ভিতৰতে তেওঁলোকৰ বিপণীৰ সকলো বস্তু বিক্ৰী হৈ গৈছিল।"
    ),
    "Manipur weavers find new buyers online": (
        "ইম্ফলৰ সমবায়সমূহে এতিয়া ভাৰতৰ সকলো প্ৰান্তলৈ চাদৰ আৰু ফানেক পঠিয়াইছে, আৰু বসন্তৰ পৰা অৰ্ডাৰ তিনিগুণ হৈছে।"
    ),
    "Sikkim's organic farms draw visiting researchers": (
        "ৰাসায়নিক সাৰ নোহোৱাকৈ ৰাজ্যখনৰ খেতিয়কে কেনেকৈ মাটিৰ উৰ্বৰতা ৰক্ষা কৰে, সেয়া পাঁচখন দেশৰ বিজ্ঞানীয়ে অধ্যয়ন কৰিছে।"
    ),
    # India
    "Parliament passes bill on inland waterways": (
        "আইনখনে ব্ৰহ্মপুত্ৰ আৰু বৰাকত খনন আৰু নতুন জেটিৰ প্ৰতিশ্ৰুতি দিছে, লগতে নদীপথেৰে পণ্য পৰিবহণৰ বাবে এটা একক কৰ্তৃপক্ষ গঠন কৰা হ'ব।"
    ),
    "Railways announce new Rajdhani service to Dibrugarh": (
        "ৰেলখন সপ্তাহত তিনিদিন দিল্লীৰ পৰা চলিব আৰু গুৱাহাটী, লামডিং আৰু যোৰহাটত ৰ'ব।"
    ),
    "National exam results: Assam students among top scorers": (
        "ৰাজ্যখনৰ বাৰজন ছাত্ৰ-ছাত্ৰী প্ৰথম এশজনৰ ভিতৰত আছে, তাৰে চাৰিজন চৰকাৰী বিদ্যালয়ৰ।"
    ),
    "Centre releases flood-relief funds for the North East": (
        "প্ৰথম কিস্তিৰ ধন মথাউৰি মেৰামতি আৰু এইবাৰ ঘৰ হেৰুওৱা পৰিয়ালবোৰৰ বাবে খৰচ কৰা হ'ব।"
    ),
    "New national park guidelines praise Kaziranga model": (
        "নিৰ্দেশনাত কাজিৰঙাৰ চোৰাংচিকাৰ-বিৰোধী টহল আৰু কাষৰীয়া গাঁওবোৰৰ সৈতে কৰা কামক আন উদ্যানৰ বাবে আৰ্হি হিচাপে দাঙি ধৰা হৈছে।"
    ),
    "Monsoon forecast: above-normal rain expected in the east": (
        "বতৰ বিজ্ঞানীসকলে ব্ৰহ্মপুত্ৰৰ পাৰৰ জিলাবোৰক আগতীয়াকৈ মথাউৰি পৰীক্ষা কৰি সাহায্য সামগ্ৰী মজুত কৰিবলৈ পৰামৰ্শ দিছে।"
    ),
    # World
    "Asian rivers summit calls for shared flood warnings": (
        "বাৰিষাৰ সময়ত প্ৰতি ঘণ্টাত নদীৰ পানীৰ জোখ আদান-প্ৰদান কৰিবলৈ প্ৰতিনিধিসকল সন্মত হৈছে, যাতে নামনিৰ চহৰবোৰে সতৰ্কবাণী সোনকালে পায়।"
    ),
    "Tea prices firm at the Colombo auction": (
        "পশ্চিম এছিয়াৰ প্ৰবল চাহিদাই দাম বঢ়াইছে; অসমৰ চাহ উৎপাদকে নিজৰ নিলামৰ আগতে এই সংকেত মন দি লক্ষ্য কৰে।"
    ),
    "Bangladesh and India agree on new border trade posts": (
        "অসম আৰু মেঘালয়ৰ সীমান্তত দুটা নতুন কেন্দ্ৰ কৃষিজাত সামগ্ৰী, চিমেণ্ট আৰু মাছৰ বাবে মুকলি হ'ব।"
    ),
    "Himalayan glaciers shrinking faster, study finds": (
        "গৱেষকসকলে সকীয়াই দিছে যে হিমবাহৰ পানীৰে পুষ্ট নদীবোৰ, ব্ৰহ্মপুত্ৰকে ধৰি, এবাৰ বানপানী আৰু এবাৰ খৰাঙৰ মাজত দোদুল্যমান হ'ব পাৰে।"
    ),
    "Bhutan opens new trade route to Assam": (
        "সমদ্ৰুপ জংখাৰৰ মাজেৰে যোৱা পথটোৰে নামনি অসমৰ বজাৰলৈ কমলা, ডাঙৰ এলাচী আৰু শিল অনা হ'ব।"
    ),
    # Business
    "Assam tea exports climb for the third straight quarter": (
        "অৰ্থডক্স চাহে এই বৃদ্ধিত আগভাগ লৈছে; ইৰাণ আৰু ৰাছিয়াৰ ক্ৰেতাই দ্বিতীয় ফ্লাছৰ চাহৰ বাবে অধিক দাম দিছে।"
    ),
    "Oil refinery in Numaligarh to double capacity": (
        "সম্প্ৰসাৰণৰ কাম শেষ হ'বলৈ চাৰি বছৰ লাগিব, আৰু পাৰাদ্বীপ বন্দৰৰ পৰা কেঁচা তেল আনিবলৈ এডাল নতুন পাইপলাইনৰ প্ৰয়োজন হ'ব।"
    ),
    "Small tea growers form cooperative to sell direct": (
        "নিজাকৈ কেঁচাপাত সংগ্ৰহ আৰু কাৰখানা চলাই গোলাঘাটৰ ওচৰৰ খেতিয়কসকলে ন্যায্য দাম পোৱাৰ আশা কৰিছে।"
    ),
    "Silk weavers of Sualkuchi see record festive sales": (
        "পূজাৰ আগতেই মুগা আৰু পাটৰ মেখেলা-চাদৰ বিক্ৰী হৈ গ'ল, আৰু তাঁতীসকলে বিহুৰ বাবে অৰ্ডাৰ লোৱা আৰম্ভ কৰিছে।"
    ),
    "New IT park in Guwahati to employ 5,000": (
        "আমিনগাঁৱৰ পাৰ্কটোত সৰু ছফ্টৱেৰ প্ৰতিষ্ঠানৰ বাবে কাৰ্যালয় আৰু স্নাতকসকলৰ বাবে এটা প্ৰশিক্ষণ কেন্দ্ৰ থাকিব।"
    ),
    "Muga silk gets a boost from new export rules": (
        "সহজ কাগজ-পত্ৰ আৰু সুৰক্ষিত নামৰ ফলত তাঁতীসকলে এই সোণালী পাট বিদেশলৈ ভাল দামত পঠিয়াব পাৰিব।"
    ),
    # Sports
    "NorthEast United sign young striker from {place}": (
        "ঊনৈশ বছৰীয়া খেলুৱৈজনে ৰাজ্যিক লীগত এঘাৰটা গ'ল দিছিল, আৰু এই বতৰতে তেওঁ প্ৰথম দলত যোগ দিব।"
    ),
    "Assam clinch Ranji Trophy win with a day to spare": (
        "বাওঁহতীয়া স্পিনাৰজনৰ পাঁচটা উইকেটে খেলখনৰ ফয়চলা কৰে আৰু অসমক গোটটোৰ শীৰ্ষলৈ লৈ যায়।"
    ),
    "Hima Das returns to the track with a season best": (
        "কেইবামাহ আঘাতৰ বাবে খেলৰ বাহিৰত থকাৰ পিছত নগাঁৱৰ এই দৌৰবিদগৰাকীয়ে বছৰটোৰ আটাইতকৈ কম সময়ত ৪০০ মিটাৰ দৌৰ সম্পূৰ্ণ কৰে।"
    ),
    "{place} boxers win three golds at the national meet": (
        "প্ৰশিক্ষকগৰাকীয়ে জিলা ক্ৰীড়া প্ৰকল্পৰ নতুন ৰিং আৰু গোটেই শীতকাল পুৱাতেই কৰা অনুশীলনক এই সাফল্যৰ কৃতিত্ব দিছে।"
    ),
    "Barsapara stadium to host a one-day international": (
        "দুবছৰৰ ভিতৰত এইখনেই হ'ব ষ্টেডিয়ামখনৰ প্ৰথম আন্তঃৰাষ্ট্ৰীয় মেচ, আৰু অহা সপ্তাহত টিকট বিক্ৰী আৰম্ভ হ'ব।"
    ),
    "Schools football league draws 200 teams across Assam": (
        "মুঠ দলৰ এক তৃতীয়াংশ ছোৱালীৰ দল, আৰু চূড়ান্ত খেলখন নেহৰু ষ্টেডিয়ামত ফ্লাডলাইটৰ পোহৰত অনুষ্ঠিত হ'ব।"
    ),
    "Assam's archers shine at the junior nationals": (
        "দলটোৱে দুটা সোণ আৰু এটা ৰূপৰ পদক লাভ কৰে, আৰু তিনিজন ধনুৰ্বিদক ৰাষ্ট্ৰীয় শিবিৰৰ বাবে বাছনি কৰা হয়।"
    ),
    # Culture
    "Rongali Bihu: {place} prepares for a week of song and dance": (
        "বিহু দলবোৰে প্ৰতি সন্ধিয়া অনুশীলন কৰিছে, আৰু উদ্যোক্তাসকলে প্ৰথমবাৰৰ বাবে নচা নৃত্যশিল্পীৰ বাবে এখন সুকীয়া মঞ্চ সাজিছে।"
    ),
    "Bhupen Hazarika centenary concerts announced": (
        "গুৱাহাটী, শদিয়া আৰু কলকাতাত হ'বলগীয়া সংগীতানুষ্ঠানত তিনিটা প্ৰজন্মৰ শিল্পী একত্ৰিত হ'ব।"
    ),
    "Assamese film wins award at international festival": (
        "কামৰূপৰ গাঁৱত প্ৰথমবাৰৰ বাবে অভিনয় কৰা শিল্পীৰে নিৰ্মিত ছবিখনে শ্ৰেষ্ঠ প্ৰথম ছবিৰ বাবে বিচাৰকমণ্ডলীৰ বঁটা লাভ কৰে।"
    ),
    "Majuli's mask makers pass their craft to a new generation": (
        "সামাগুৰি সত্ৰত ল'ৰা-ছোৱালীয়ে ভাওনাৰ বাবে বাঁহ, মাটি আৰু কাপোৰেৰে মুখা সাজিবলৈ শিকিছে।"
    ),
    "Sattriya dance festival returns to Guwahati": (
        "মাজুলীৰ সত্ৰৰ নৃত্যশিল্পী আৰু চহৰখনৰ নৱীন শিল্পীসকলে পাঁচটা সন্ধিয়া একেখন মঞ্চত নৃত্য পৰিৱেশন কৰিব।"
    ),
    "Jonbeel Mela: the barter fair that outlived money": (
        "পাহাৰৰ জনজাতি আৰু ভৈয়ামৰ গাঁৱলীয়াই এতিয়াও এটকাও হাত সলনি নোহোৱাকৈ আদা, চাউল আৰু শুকান মাছ সাল-সলনি কৰে।"
    ),
    "Young writers revive Assamese short fiction": (
        "এখন নতুন আলোচনী আৰু মাহেকীয়া পাঠচক্ৰই ত্ৰিশ বছৰৰ তলৰ এচাম লেখকৰ ৰচনা প্ৰকাশ কৰিছে।"
    ),
}

# English text of the body (demo.PARAGRAPHS and the fixed pieces of demo.body_for) → Assamese.
BODY_AS = {
    "Officials said the work had been planned for more than a year and that residents had been consulted at every "
    "stage. \u201cWe listened before we built,\u201d one of them told this newspaper.": (
        "বিষয়াসকলে কয় যে এই কামৰ পৰিকল্পনা এবছৰতকৈও বেছি আগতে কৰা হৈছিল আৰু প্ৰতিটো পৰ্যায়তে স্থানীয় "
        "বাসিন্দাৰ সৈতে আলোচনা কৰা হৈছিল। \u201cসজাৰ আগতে আমি মানুহৰ কথা শুনিছিলোঁ,\u201d তেওঁলোকৰ এজনে এই "
        "কাকতক জনায়।"
    ),
    "People in {place} said they had waited a long time for the change. Shopkeepers near the main market expect more "
    "visitors in the coming months.": (
        "{place_gen} ৰাইজে কয় যে এই পৰিৱৰ্তনৰ বাবে তেওঁলোকে বহুদিন ধৰি বাট চাই আছিল। মূল বজাৰৰ ওচৰৰ "
        "দোকানীসকলে আগন্তুক মাহবোৰত অধিক গ্ৰাহকৰ আশা কৰিছে।"
    ),
    "The district administration has set up a help desk and a phone line for anyone with questions, and promised to "
    "publish progress reports every month.": (
        "জিলা প্ৰশাসনে প্ৰশ্ন থকা যিকোনো লোকৰ বাবে এটা সহায় কেন্দ্ৰ আৰু এটা ফোন লাইন মুকলি কৰিছে, আৰু প্ৰতি "
        "মাহে কামৰ অগ্ৰগতিৰ প্ৰতিবেদন প্ৰকাশ কৰাৰ প্ৰতিশ্ৰুতি দিছে।"
    ),
    "Experts cautioned that the real test would come with the monsoon, when the Brahmaputra and its tributaries rise "
    "and the state's roads and embankments are pushed to their limits.": (
        "বিশেষজ্ঞসকলে সকীয়াই দিয়ে যে আচল পৰীক্ষা হ'ব বাৰিষা, যেতিয়া ব্ৰহ্মপুত্ৰ আৰু ইয়াৰ উপনৈবোৰৰ পানী "
        "বাঢ়িব আৰু ৰাজ্যখনৰ পথ-ঘাট আৰু মথাউৰিবোৰৰ সহ্যশক্তিৰ শেষ সীমালৈকে পৰীক্ষা হ'ব।"
    ),
    "Students from local colleges volunteered in large numbers, and several said the experience had made them think "
    "about careers in public service.": (
        "স্থানীয় মহাবিদ্যালয়ৰ বহুসংখ্যক ছাত্ৰ-ছাত্ৰী স্বেচ্ছাসেৱক হিচাপে আগবাঢ়ি আহে, আৰু তেওঁলোকৰ "
        "কেইবাজনেও কয় যে এই অভিজ্ঞতাই তেওঁলোকক জনসেৱাক জীৱিকা হিচাপে লোৱাৰ কথা ভবাইছে।"
    ),
    "The state government said it would review the results after six months and extend the scheme to other districts "
    "if it worked as intended.": (
        "ৰাজ্য চৰকাৰে জনাইছে যে ছমাহৰ পিছত ইয়াৰ ফলাফল পৰ্যালোচনা কৰা হ'ব, আৰু আঁচনিখনে আশা অনুসৰি কাম "
        "কৰিলে ইয়াক আন জিলালৈও সম্প্ৰসাৰিত কৰা হ'ব।"
    ),
    "What happens next": "এতিয়া কি হ'ব",
    "This is a moment the people of the region have earned.": "এই মুহূৰ্তটো অঞ্চলটোৰ ৰাইজে নিজৰ চেষ্টাৰে অৰ্জন কৰিছে।",
}

# One translated story whose English the desk edited afterwards, so the demo shows a translation
# out of date (its notice on the Assamese page, the admin's filter and the desk's count).
OUTDATED_HEADLINE = "Tea prices firm at the Colombo auction"
OUTDATED_UPDATE = "<p>Update: prices eased a little in the afternoon session, brokers said.</p>"

CAPTION_AS = "{place_gen} ওচৰৰ এটা দৃশ্য।"
ALT_AS = "বাতৰিটোৰ বাবে অঁকা ছবি: {headline}"

TEXT_NODE = re.compile(r">([^<]+)<")


# demo.CORRECTION in Assamese.
CORRECTION_AS = "এই বাতৰিৰ আগৰ সংস্কৰণত উদ্বোধনৰ তাৰিখ ভুলকৈ দিয়া হৈছিল। উদ্বোধন হ'ব সোমবাৰে, দেওবাৰে নহয়।"


def place_forms(place):
    name, locative, genitive = PLACES_AS[place]
    return {"place": name, "place_loc": locative, "place_gen": genitive}


def translate_body(body_en, place):
    """The Assamese body with the English body's HTML structure, or None if a piece is unknown."""
    known = {
        html.unescape(english.format(place=place)).strip(): assamese.format(**place_forms(place))
        for english, assamese in BODY_AS.items()
    }
    missing = []

    def swap(match):
        text = html.unescape(match.group(1)).strip()
        if not text:
            return match.group(0)
        if text not in known:
            missing.append(text)
            return match.group(0)
        return f">{html.escape(known[text], quote=False)}<"

    body_as = TEXT_NODE.sub(swap, body_en or "")
    return None if missing or not body_as else body_as


def english_headlines():
    """(English headline, (Assamese headline, Assamese summary)) for every demo story we can translate."""
    for templates in demo.HEADLINES.values():
        for template in templates:
            if template not in HEADLINES_AS:
                continue
            for place in demo.PLACES if "{place}" in template else [None]:
                forms = place_forms(place) if place else {}
                assamese = HEADLINES_AS[template].format(**forms), SUMMARIES_AS[template].format(**forms)
                yield template.format(place=place), assamese


def story_place(article):
    """The demo place a story was written from (its caption names it: "A view near Majuli.")."""
    caption = article.photo_caption_en or ""
    return next((place for place in demo.PLACES if place in caption and place in PLACES_AS), None)


def translate_story(article, headline_as, summary_as):
    """Fill the story's Assamese columns; False (nothing changed) when its English is not ours to translate."""
    place = story_place(article)
    if place is None:
        return False
    body_as = translate_body(article.body_en, place)
    if body_as is None:
        return False
    forms = place_forms(place)
    article.headline_as = headline_as
    article.body_as = body_as
    article.summary_as = summary_as if article.summary_en else ""
    article.photo_caption_as = CAPTION_AS.format(**forms) if article.photo_caption_en else ""
    article.photo_alt_as = ALT_AS.format(headline=headline_as) if article.photo_alt_en else ""
    article.correction_as = CORRECTION_AS if article.correction_en == demo.CORRECTION else ""
    article.save()
    return True


def seed():
    """Give the demo sections, tags and stories their Assamese text. Safe to run twice."""
    for section in Section.objects.filter(slug__in=SECTIONS_AS):
        section.name_as, section.description_as = SECTIONS_AS[section.slug]
        section.save()
    for tag in Tag.objects.filter(slug__in=TAGS_AS):
        tag.name_as = TAGS_AS[tag.slug]
        tag.save()
    translations = dict(english_headlines())
    translated = []
    for article in Article.objects.filter(headline_en__in=translations):
        if translate_story(article, *translations[article.headline_en]):
            translated.append(article)
    edit_original_after_translation()
    return translated


def edit_original_after_translation():
    """The desk adds an update to one English story after it was translated."""
    article = Article.objects.filter(headline_en=OUTDATED_HEADLINE).first()
    if article and article.has_language("as") and OUTDATED_UPDATE not in (article.body_en or ""):
        article.body_en = f"{article.body_en}{OUTDATED_UPDATE}"
        article.save()
