"""Questions outside what ministers' written answers can answer are recognised; near
misses that the corpus does answer are not."""

import pytest

from rag.search.scope import out_of_scope_reason


@pytest.mark.parametrize(
    ("question", "why"),
    [
        ("We live in Cardiff. What is an IDP under additional learning needs?", "England"),
        ("What dose of melatonin is safe for a 6 year old?", "medical advice"),
        ("What support do Dutch universities give disabled students?", "England"),
        ("We are moving to Spain next year. Will his EHCP still count there?", "England"),
        ("Can my autistic daughter get help to study abroad?", "England"),
        ("What are the rules in Ireland for children with autism?", "England"),
        (
            "What's the time limit for lodging an appeal with the tribunal?",
            "forms or time limits for appeals",
        ),
        (
            "How long do we have to appeal the council's decision?",
            "forms or time limits for appeals",
        ),
        (
            "For an appeal to the SEND tribunal, which form do I need?",
            "forms or time limits for appeals",
        ),
        (
            "How many weeks do I have to register an appeal against the plan?",
            "forms or time limits for appeals",
        ),
        ("What are the early symptoms of dyspraxia in a toddler?", "medical advice"),
        ("Is melatonin safe? What are the side effects?", "medical advice"),
        ("Which is the best private special school in Kent?", "do not recommend"),
        ("Can you recommend a good educational psychologist near Leeds?", "do not recommend"),
        ("What is the phone number of my local SENDIASS?", "local phone"),
        ("Which solicitor in Leeds is best for tribunal appeals?", "do not recommend"),
        ("What's the best app to help a dyslexic child read?", "do not recommend"),
        (
            "Can you draft a letter asking the council for an EHC needs assessment?",
            "do not write letters",
        ),
        ("Write me a poem about school.", "do not write letters"),
    ],
)
def test_out_of_scope_questions_say_why(question, why):
    assert why in (out_of_scope_reason(question) or "")


@pytest.mark.parametrize(
    "question",
    [
        "The council missed the deadline to do what the tribunal ordered. Who can I complain to?",
        # another country named, but the question is about England
        "We came to England from Poland last year. Can my son get an EHC plan?",
        "We came to England from France last year. Can my son get an EHC plan?",
        "We moved from Scotland to England. Does his plan carry over?",
        "We lived in Spain until last year. Can we ask for an EHC needs assessment now?",
        "My son was diagnosed with autism in India. Will the council accept the diagnosis?",
        "He went to school in Poland until September. His new school says he has no SEN.",
        "We live abroad but are moving back to England. Can we apply for an EHCP first?",
        "Can the school fine us for taking him to India for a family wedding in term time?",
        "Can my son with an EHC plan go on the school trip to France?",
        "My son's French teacher keeps him in at break. Is that allowed?",
        "He goes to a Polish school on Saturdays. Does that count as education?",
        "Does European law still apply to SEND after Brexit?",
        "Which school in Holland Park takes autistic children?",
        "Is SEND provision adequate in South Holland and the Deepings?",
        "How many pupils of Indian heritage have EHC plans?",
        "What is the 20 week deadline for an EHC plan?",
        "How many appeals were lodged with the SEND tribunal last year?",
        "Which form do I use to ask for an EHC needs assessment?",
        "My son's ADHD medication is out of stock before his exams. What is being done?",
        "My son's prescription for ADHD medication cannot be filled. What is being done?",
        "Her anxiety symptoms stop her going to school. What support is there?",
        "What did the review recommend about residential special schools?",
        "Will every child get the best school place for their needs?",
        "Which approach to inclusion is best, according to the government?",
        "What are the best practices for including autistic pupils in mainstream schools?",
        "Can the council share my contact details with the new school?",
        "Should I write to my MP about the delays to my son's EHC plan?",
        "What signs of progress has the government seen from the safety valve agreements?",
    ],
)
def test_questions_the_corpus_answers_are_not_caught(question):
    assert out_of_scope_reason(question) is None
