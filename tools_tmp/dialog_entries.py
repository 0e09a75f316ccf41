C = "No placeholders."
ENTRIES = {
# receives_pension
"question.receives_pension": (C, "Percevez-vous une pension de retraite (cumul emploi-retraite) ?", "Do you draw a retirement pension (while working)?"),
"field.receives_pension": (C, "Pension de retraite", "Retirement pension"),
"help.receives_pension": (C, "Répondez oui si votre retraite a été liquidée et que vous travaillez encore, non sinon.", "Answer yes if your pension has been liquidated and you still work, no otherwise."),
"why.receives_pension": ("{full_rate_age} is an age (integer).", "Une retraite liquidée au taux plein arrête le compte, même si vous travaillez encore ; il s'arrête aussi à {full_rate_age} ans (Code du travail, art. L5151-2 et L5421-4).", "A pension taken at the full rate stops the account, even while you still work; it also stops at {full_rate_age} (Code du travail, art. L5151-2 and L5421-4)."),
# pension_full_rate
"question.pension_full_rate": (C, "Votre retraite a-t-elle été prise au taux plein ?", "Was your pension taken at the full rate?"),
"field.pension_full_rate": (C, "Retraite au taux plein", "Pension at the full rate"),
"help.pension_full_rate": (C, "Répondez oui pour une retraite sans décote, y compris une retraite anticipée au taux plein (carrière longue, handicap, incapacité permanente, amiante) ; non si elle a été prise avec une décote.", "Answer yes for a pension without reduction, including an early full-rate retirement (long career, disability, permanent incapacity, asbestos); no if it was taken with a reduction (décote)."),
"why.pension_full_rate": ("{full_rate_age} is an age (integer).", "Avec une retraite au taux plein, le compte n'est plus alimenté et ses droits ne sont plus utilisables ; avec une décote, avant {full_rate_age} ans, vous gardez vos droits (Code du travail, art. L5421-4).", "With a pension at the full rate the account is no longer credited and its rights can no longer be used; with a reduction, below {full_rate_age}, you keep your rights (Code du travail, art. L5421-4)."),
# public_time
"question.public_time": (C, "Sur quel type de poste travaillez-vous ?", "What kind of post do you work on?"),
"field.public_time": (C, "Temps de travail (agent public)", "Working time (public agent)"),
"help.public_time": (C, "Choisissez temps complet, temps partiel (un poste à temps complet sur lequel vous travaillez moins) ou poste à temps non complet (créé pour moins de 35 heures par semaine).", "Choose full time, part time (a full-time post on which you work less) or incomplete post (a post created for fewer than 35 hours a week)."),
"why.public_time": (C, "Un agent à temps partiel acquiert les mêmes droits qu'à temps complet ; sur un poste à temps non complet, les droits sont proratisés (décret 2017-928).", "A part-time agent earns the same rights as full time; on an incomplete post the rights are prorated (décret 2017-928)."),
"choice.public_time.full_time": (C, "Temps complet", "Full time"),
"choice.public_time.part_time": (C, "Temps partiel", "Part time"),
"choice.public_time.incomplete_post": (C, "Poste à temps non complet", "Incomplete post (temps non complet)"),
# post_weekly_hours
"question.post_weekly_hours": (C, "Combien d'heures par semaine compte votre poste ?", "How many hours a week is your post?"),
"field.post_weekly_hours": (C, "Heures hebdomadaires du poste", "Weekly hours of the post"),
"help.post_weekly_hours": (C, "Indiquez la durée hebdomadaire de votre poste, par exemple 28.", "Give the weekly hours of your post, for example 28."),
"why.post_weekly_hours": ("{week}: full-time weekly hours.", "Sur un poste à temps non complet, les heures de l'année sont proportionnelles à la durée du poste sur {week}, arrondies à l'heure supérieure (décret 2017-928).", "On an incomplete post, the year's hours are in proportion to the post's hours over {week}, rounded up to the whole hour (décret 2017-928)."),
# reference_basis
"question.reference_basis": (C, "À quelle durée de référence comparer votre temps de travail ?", "Which reference duration applies to your working time?"),
"field.reference_basis": (C, "Durée de référence", "Reference duration"),
"help.reference_basis": (C, "Choisissez la durée légale si vous ne savez pas, la durée annuelle de votre convention collective si elle en fixe une, ou votre forfait en jours.", "Choose the legal duration if you do not know, your collective agreement's yearly duration if it sets one, or your days package."),
"why.reference_basis": ("{reference}: legal yearly duration (hours); {days}: most days of a package.", "Le crédit se calcule sur la durée de votre convention collective, sinon sur la durée légale de {reference} ; pour un forfait en jours, sur le forfait, au plus {days} jours (Code du travail, art. R6323-1).", "The credit is computed on your collective agreement's duration, otherwise on the legal {reference}; for a days package, on the package, at most {days} days (Code du travail, art. R6323-1)."),
"choice.reference_basis.legal": ("{reference}: legal yearly duration (hours).", "La durée légale ({reference} par an)", "The legal duration ({reference} a year)"),
"choice.reference_basis.agreement": (C, "La durée de ma convention collective", "My collective agreement's duration"),
"choice.reference_basis.days_package": (C, "Un forfait en jours", "A days package (forfait-jours)"),
# reference_hours
"question.reference_hours": (C, "Quelle est la durée annuelle de travail fixée par votre convention collective, en heures ?", "What yearly working time does your collective agreement set, in hours?"),
"field.reference_hours": (C, "Durée de la convention", "Agreement's duration"),
"help.reference_hours": (C, "Indiquez un nombre d'heures par an, par exemple 1 540.", "Give a number of hours a year, for example 1,540."),
"why.reference_hours": ("{reference}: legal yearly duration (hours).", "La convention collective peut fixer une autre durée que les {reference} légales : c'est elle qui sert au calcul (Code du travail, art. R6323-1).", "A collective agreement may set another duration than the legal {reference}: that one is used (Code du travail, art. R6323-1)."),
# package_days
"question.package_days": (C, "Combien de jours compte votre forfait annuel ?", "How many days is your yearly days package?"),
"field.package_days": (C, "Jours du forfait", "Days of the package"),
"help.package_days": (C, "Indiquez le nombre de jours de votre forfait, par exemple 218.", "Give the number of days of your package, for example 218."),
"why.package_days": ("{days}: most days of a package.", "Pour un salarié au forfait en jours, la durée de référence est le forfait, au plus {days} jours (Code du travail, art. R6323-1).", "For an employee on a days package, the reference duration is the package, at most {days} days (Code du travail, art. R6323-1)."),
# worked_days
"question.worked_days": (C, "Combien de jours avez-vous travaillé cette année ?", "How many days did you work this year?"),
"field.worked_days": (C, "Jours travaillés", "Days worked"),
"help.worked_days": (C, "Indiquez un nombre de jours, par exemple 90.", "Give a number of days, for example 90."),
"why.worked_days": (C, "Sous la moitié du forfait, le crédit est proportionnel aux jours travaillés (Code du travail, art. R6323-1).", "Below half the package, the credit is in proportion to the days worked (Code du travail, art. R6323-1)."),
# counted_leave
"question.counted_leave": (C, "Avez-vous été cette année en congé de maternité, de paternité, d'adoption, parental d'éducation, de proche aidant ou de présence parentale, ou en arrêt après un accident du travail ou une maladie professionnelle ?", "This year, were you on maternity, paternity, adoption, parental, carer's or family-support leave, or off work after a work accident or an occupational disease?"),
"field.counted_leave": (C, "Congés comptés comme travail", "Leave counted as work"),
"help.counted_leave": (C, "Répondez oui ou non.", "Answer yes or no."),
"why.counted_leave": (C, "Ces absences comptent comme du temps de travail pour le crédit du CPF (Code du travail, art. L6323-12).", "These absences count as working time for the CPF credit (Code du travail, art. L6323-12)."),
# leave_time
"question.leave_time": (C, "Combien d'heures auriez-vous travaillé pendant ces congés (ou de jours, pour un forfait en jours) ?", "How many hours would you have worked during that leave (or days, for a days package)?"),
"field.leave_time": (C, "Temps des congés", "Time of the leave"),
"help.leave_time": (C, "Indiquez un nombre, par exemple 560 pour seize semaines à 35 heures.", "Give a number, for example 560 for sixteen weeks of 35 hours."),
"why.leave_time": (C, "Ce temps s'ajoute au temps travaillé pour le crédit du CPF (Code du travail, art. L6323-12).", "This time is added to the time worked for the CPF credit (Code du travail, art. L6323-12)."),
# other_status
"question.other_status": (C, "Avez-vous eu une autre situation de travail cette année ?", "Did you have another work situation this year?"),
"field.other_status": (C, "Autre situation dans l'année", "Other situation in the year"),
"help.other_status": (C, "Par exemple salarié une partie de l'année puis indépendant : choisissez l'autre situation, ou aucune.", "For example an employee for part of the year, then self-employed: choose the other situation, or none."),
"why.other_status": (C, "Avec plusieurs situations dans l'année, c'est le crédit et le plafond les plus favorables qui s'appliquent (service-public.fr, F10705).", "With several situations in the year, the most favourable credit and cap apply (service-public.fr, F10705)."),
"choice.other_status.none": (C, "Aucune autre", "None"),
"choice.other_status.private_employee": (C, "Salarié du privé", "Private-sector employee"),
"choice.other_status.self_employed": (C, "Indépendant", "Self-employed"),
"choice.other_status.esat_worker": (C, "Travailleur en ESAT", "ESAT worker"),
# other_hours
"question.other_hours": (C, "Combien d'heures avez-vous travaillé comme salarié cette année ?", "How many hours did you work as an employee this year?"),
"field.other_hours": (C, "Heures comme salarié", "Hours as an employee"),
"help.other_hours": (C, "Indiquez un nombre d'heures, par exemple 400.", "Give a number of hours, for example 400."),
"why.other_hours": ("{reference}: legal yearly duration (hours).", "Le crédit de cette autre situation se calcule sur les {reference} de la durée légale (Code du travail, art. R6323-1).", "The credit of that other situation is computed on the legal {reference} (Code du travail, art. R6323-1)."),
# other_months
"question.other_months": (C, "Combien de mois avez-vous été indépendant cette année ?", "How many months were you self-employed this year?"),
"field.other_months": (C, "Mois comme indépendant", "Months self-employed"),
"help.other_months": (C, "Indiquez un nombre de mois entre 1 et 12.", "Give a number of months from 1 to 12."),
"why.other_months": (C, "Le crédit d'un indépendant est proportionnel à ses mois d'activité (Code du travail, art. R6323-22).", "A self-employed worker's credit is in proportion to the months of activity (Code du travail, art. R6323-22)."),
# has_cqp
"question.has_cqp": (C, "Avez-vous un certificat de qualification professionnelle (CQP) reconnu par une convention de branche ?", "Do you hold a professional qualification certificate (CQP) recognised by a branch agreement?"),
"field.has_cqp": (C, "CQP", "CQP"),
"help.has_cqp": (C, "Répondez oui ou non.", "Answer yes or no."),
"why.has_cqp": (C, "Le crédit majoré suppose de n'avoir ni diplôme de niveau CAP/BEP ni CQP reconnu par une branche (Code du travail, art. L6323-11-1).", "The higher credit requires having neither a CAP/BEP-level diploma nor a CQP recognised by a branch (Code du travail, art. L6323-11-1)."),
# accompaniment_hours
"question.accompaniment_hours": (C, "Combien d'heures d'accompagnement réel compte le bilan de compétences ?", "How many hours of actual accompaniment does the skills assessment include?"),
"field.accompaniment_hours": (C, "Heures d'accompagnement", "Accompaniment hours"),
"help.accompaniment_hours": (C, "Comptez les heures passées avec le consultant, sans le travail personnel, par exemple 18.", "Count the hours spent with the consultant, without personal work, for example 18."),
"why.accompaniment_hours": ("{min_hours}: least accompaniment hours.", "Depuis le 26 février 2026, seules les heures d'accompagnement réel sont prises en charge, avec au moins {min_hours} (décret 2026-127). Cette règle est à confirmer sur moncompteformation.gouv.fr.", "Since 26 February 2026, only hours of actual accompaniment are paid, with at least {min_hours} (décret 2026-127). This rule is to be confirmed on moncompteformation.gouv.fr."),
# cofunding_amount
"question.cofunding_amount": (C, "Quel montant le cofinanceur apporte-t-il ?", "How much does the co-funder contribute?"),
"field.cofunding_amount": (C, "Montant du cofinancement", "Co-funding amount"),
"help.cofunding_amount": (C, "Indiquez un montant en euros, par exemple 300.", "Give an amount in euros, for example 300."),
"why.cofunding_amount": ("{min_cofunding}: least co-funding (money).", "Pour un permis du groupe léger, le cofinancement doit être d'au moins {min_cofunding} (décret 2026-127). Ce montant est à confirmer sur moncompteformation.gouv.fr.", "For a light-group licence, the co-funding must be at least {min_cofunding} (décret 2026-127). This amount is to be confirmed on moncompteformation.gouv.fr."),
# c2p_points
"question.c2p_points": (C, "Combien de points de votre compte professionnel de prévention (C2P) voulez-vous utiliser ?", "How many points of your occupational-risk account (C2P) do you want to use?"),
"field.c2p_points": (C, "Points C2P", "C2P points"),
"help.c2p_points": (C, "Indiquez un nombre de points, par exemple 10.", "Give a number of points, for example 10."),
"why.c2p_points": ("{point_value}: value of one point (money).", "Chaque point du C2P finance {point_value} de formation vers un emploi moins exposé (Code du travail, art. R4163-11).", "Each C2P point pays {point_value} of training towards a less exposed job (Code du travail, art. R4163-11)."),
# cec_balance
"question.cec_balance": (C, "Avez-vous des droits sur un compte d'engagement citoyen (CEC) ? Si oui, quel montant ?", "Do you have rights on a citizen engagement account (CEC)? If so, how much?"),
"field.cec_balance": (C, "Droits CEC", "CEC rights"),
"help.cec_balance": (C, "Indiquez le montant affiché pour votre CEC sur moncompteformation.gouv.fr, 0 si vous n'en avez pas, ou « je ne sais pas ».", "Give the amount shown for your CEC on moncompteformation.gouv.fr, 0 if you have none, or \"I don't know\"."),
"why.cec_balance": ("{cap}: cap of the CEC (money).", "Le CEC (bénévolat, volontariat, réserve) peut compléter le financement, dans la limite de {cap} (Code du travail, art. D5151-14).", "The CEC (volunteering, reserves) can add to the funding, up to {cap} (Code du travail, art. D5151-14)."),
# CléA choice
"choice.training_kind.clea": (C, "Le certificat CléA (socle de connaissances et de compétences)", "The CléA certificate (core knowledge and skills)"),
"synonyms.training_kind.clea": (C, "CléA|Clea|socle de connaissances|socle de compétences|CléA numérique", "CleA|core skills|basic skills certificate|socle"),
"choice.training_kind.rs_certification": (C, "Une certification du répertoire spécifique (langues, bureautique…)", "A répertoire spécifique certification (languages, office software…)"),
"synonyms.training_kind.rs_certification": (C, "TOEIC|TOSA|anglais|langue|langues|bureautique|Excel|Voltaire", "TOEIC|TOEFL|English test|language test|office software|Excel"),
"synonyms.other_status.none": (C, "aucune|non|aucun|pas d'autre", "none|no|nothing else"),
"synonyms.public_time.incomplete_post": (C, "temps non complet|non complet|TNC", "incomplete|non-full-time post"),
}
