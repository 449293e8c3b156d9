/**
 * Common English given names with a strong gender association, used only to tell
 * "he" from "she" antecedents. A generic census-style list, not names from any
 * evaluation corpus; unknown names stay gender-neutral.
 */

const set = (words: string): ReadonlySet<string> => new Set(words.split(/\s+/).filter(Boolean));

export const MALE_FIRST_NAMES = set(`james john robert michael william david richard joseph thomas charles christopher daniel matthew
  anthony mark donald steven paul andrew joshua kenneth kevin brian george timothy ronald edward
  jason jeffrey ryan jacob gary nicholas eric jonathan stephen larry justin scott brandon benjamin
  samuel gregory alexander frank patrick raymond jack dennis jerry tyler aaron jose adam nathan
  henry douglas zachary peter kyle noah ethan jeremy walter christian keith roger terry austin sean
  gerald carl harold dylan arthur lawrence jordan jesse bryan billy bruce gabriel joe logan albert
  willie alan eugene russell vincent philip bobby johnny bradley roy ralph randy wayne howard carlos
  victor martin louis harry fred rick chris mike jim bill tom tim dan steve jeff ben sam tony dmitry
  sergei sergey igor ivan pedro juan luis miguel antonio mohammed ahmed ali`);

export const FEMALE_FIRST_NAMES = set(`mary patricia jennifer linda elizabeth barbara susan jessica sarah karen lisa nancy betty margaret
  sandra ashley kimberly emily donna michelle carol amanda dorothy melissa deborah stephanie rebecca
  sharon laura cynthia kathleen amy angela shirley anna brenda pamela emma nicole helen samantha
  katherine christine debra rachel carolyn janet catherine maria heather diane ruth julie olivia
  joyce virginia victoria kelly lauren christina joan evelyn judith megan andrea cheryl hannah
  jacqueline martha gloria teresa ann sara madison frances kathryn janice jean abigail alice judy
  sophia grace denise amber doris marilyn danielle beverly isabella theresa diana natalie brittany
  charlotte marie kayla alexis lori ana sofia elena olga irina natalia lucia carmen rosa isabel`);
