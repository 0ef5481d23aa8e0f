// Every GraphQL request the dashboard sends, as plain text: copy any of them into GraphiQL or a
// notebook. Amounts are Money: yuan and wanYuan as exact decimal strings, the cell as printed,
// its status and its source (document, table, page, line, text).

const MONEY = `
fragment money on Money {
  yuan wanYuan printed unit status note
  source { table row column page line text document { id fileName year kind loadedAt } }
}`;

const YOY = `
fragment yoy on Money {
  yoy {
    previousYear disagree
    loaded { previous change percent }
    stated { previous change percent statedChange statedPercent printedBasis }
  }
}`;

const EXECUTION_FRAGMENT = `
fragment execution on Execution {
  measure code name rate agreesWithBudgetDocument
  budget { ...money } actual { ...money }
  budgetDocument { yuan wanYuan printed unit status source { page line text document { id fileName year kind } } }
}${MONEY}`;

export const OVERVIEW = `query Overview($name: String) {
  departments(first: 100, name: $name) {
    totalCount
    nodes {
      id name region { name }
      documents {
        id year kind fileName loadedAt
        expenditure: amount(measure: EXPENDITURE_TOTAL) { ...money }
        failed: checks(result: FAILED) { checkId }
        repaired: checks(result: REPAIRED) { checkId }
        rounding: checks(result: ROUNDING) { checkId }
      }
    }
  }
}${MONEY}`;

export const TOTALS = `query Totals($measure: Measure!, $kind: Kind, $basis: TotalBasis) {
  totals(measure: $measure, kind: $kind, basis: $basis) {
    year yuan wanYuan departments basis previousYuan previousDepartments change percent
  }
}`;

export const SEARCH = `query Search($text: String!) {
  search(text: $text, first: 50) {
    totalCount
    nodes {
      kind name year projectCode projectName classification subjectCode
      department { id name }
      document { id kind }
      source { table page line text document { id fileName year kind } }
    }
  }
}`;

export const YEARS = `query Years {
  budget: totals(measure: EXPENDITURE_TOTAL, kind: BUDGET) { year }
  final: totals(measure: EXPENDITURE_TOTAL, kind: FINAL) { year }
  departments(first: 100) { nodes { id name } }
}`;

export const DEPARTMENT = `query Department($id: ID!) {
  node(id: $id) {
    ... on Department {
      id name aliases region { name code } years
      documents { id year kind fileName pages format scope parserVersion loadedAt }
    }
  }
}`;

export const DEPT_TOTALS = `query DepartmentTotals($id: ID!, $kind: Kind) {
  node(id: $id) {
    ... on Department {
      name
      income: series(measure: INCOME_TOTAL, kind: $kind) { year amount { ...money ...yoy } }
      expenditure: series(measure: EXPENDITURE_TOTAL, kind: $kind) { year amount { ...money ...yoy } }
    }
  }
}${MONEY}${YOY}`;

export const INCOME = `query Income($doc: ID!) {
  node(id: $doc) {
    ... on Document {
      year kind
      income { source partOf amount { ...money } }
      expenditure {
        total { ...money ...yoy } basic { ...money ...yoy } project { ...money ...yoy }
        personnel { ...money ...yoy } publicUse { ...money ...yoy }
      }
    }
  }
}${MONEY}${YOY}`;

export const SUBJECTS = `query Subjects($doc: ID!, $classification: Classification!) {
  node(id: $doc) {
    ... on Document {
      year kind
      subjects(classification: $classification, level: 1) {
        ...subject
        children { ...subject children { ...subject } }
      }
    }
  }
}
fragment subject on Subject {
  code name level
  total { ...money yoy { previousYear loaded { previous change percent } } }
  basic { ...money } project { ...money } personnel { ...money } publicUse { ...money }
}${MONEY}`;

export const SUBJECT_SERIES = `query SubjectSeries($id: ID!, $subject: SubjectRef!, $kind: Kind) {
  node(id: $id) {
    ... on Department {
      name
      series(subject: $subject, kind: $kind) { year name amount { ...money ...yoy } }
    }
  }
}${MONEY}${YOY}`;

const SANGONG_PARTS = `total { ...money ...yoy } overseas { ...money } vehicle { ...money }
        vehiclePurchase { ...money } vehicleOperation { ...money } reception { ...money }
        officeRunning { ...money ...yoy }`;

export const SANGONG = `query Sangong($id: ID!, $kind: Kind) {
  node(id: $id) {
    ... on Department {
      name
      documents(kind: $kind) { year sangong { ${SANGONG_PARTS} } }
    }
  }
}${MONEY}${YOY}`;

export const PROCUREMENT = `query Procurement($id: ID!, $kind: Kind) {
  node(id: $id) {
    ... on Department {
      name
      documents(kind: $kind) {
        id year
        procurement {
          total { ...money ...yoy } goods { ...money } works { ...money } services { ...money } sme { ...money }
          shares { goods works services sme }
          items { unitName project category functionSubject economicSubject quantity measureUnit unitPrice total totalPrinted sme
            source { table page line text document { id fileName year kind } } }
        }
      }
    }
  }
}${MONEY}${YOY}`;

export const PROJECTS = `query Projects($doc: ID!) {
  node(id: $doc) {
    ... on Document {
      year kind
      projects { code name nameFrom unitName category amount { ...money ...yoy } }
      targets { projectCode projectName level1 level2 level3 operator value measureUnit
        source { table page line text document { id fileName year kind } } }
    }
  }
}${MONEY}${YOY}`;

export const STAFFING = `query Staffing($doc: ID!) {
  node(id: $doc) {
    ... on Document {
      year kind
      units { code name kind }
      staffing { kind count source { table page line text document { id fileName year kind } } }
    }
  }
}`;

export const CHECKS = `query Checks($doc: ID!) {
  node(id: $doc) {
    ... on Document {
      year kind fileName
      all: checks { result }
      notPassed: checks(result: FAILED) { ...check }
      repaired: checks(result: REPAIRED) { ...check }
      rounding: checks(result: ROUNDING) { ...check }
      repairs { table rowCode rowName column printed value rule line }
      issues { kind detail line }
      narrative(onlyMismatches: true) { key name value { ...money } tableValue { ...money } }
    }
  }
}
fragment check on Check { checkId rule table result expected actual detail lines }${MONEY}`;

// EXECUTION is a 决算's budget against actual of its headline figures (三公 and its parts,
// 机关运行经费, 一般公共预算财政拨款支出): each 年初预算 beside its 决算数 with the 完成率, and the same
// figure of the year's 预算 document when that is loaded. EXECUTION_SUBJECTS gives the subjects'.
// (Two requests: one would pass the server's limit of 500 fields.)
export const EXECUTION = `query Execution($doc: ID!) {
  node(id: $doc) {
    ... on Document {
      year kind
      budgetDocument { id fileName }
      execution {
        sangongTotal { ...execution } sangongOverseas { ...execution } sangongVehicle { ...execution }
        sangongVehiclePurchase { ...execution } sangongVehicleOperation { ...execution } sangongReception { ...execution }
        officeRunning { ...execution } generalPublicBudget { ...execution }
      }
    }
  }
}${EXECUTION_FRAGMENT}`;

export const EXECUTION_SUBJECTS = `query ExecutionSubjects($doc: ID!) {
  node(id: $doc) {
    ... on Document {
      year kind
      budgetDocument { id fileName }
      execution { subjects { ...execution } }
    }
  }
}${EXECUTION_FRAGMENT}`;

export const RANKING = `query Ranking($measure: Measure, $subject: SubjectRef, $column: Column, $year: Int!, $kind: Kind) {
  ranking(measure: $measure, subject: $subject, column: $column, year: $year, kind: $kind, first: 100) {
    rank
    department { id name }
    amount { ...money ...yoy }
  }
}${MONEY}${YOY}`;

export const MOVERS = `query Movers($year: Int!, $entity: MoverEntity, $classification: Classification, $level: Int,
    $department: ID, $by: MoverOrder, $direction: MoverDirection, $minBase: Decimal, $kind: Kind) {
  movers(year: $year, entity: $entity, classification: $classification, level: $level, department: $department,
      by: $by, direction: $direction, minBase: $minBase, kind: $kind, first: 50) {
    department { id name }
    code name previousName nameChanged
    previous { ...money }
    current { ...money }
    change percent
  }
}${MONEY}`;

export const SERIES_ACROSS = `query SubjectAcrossDepartments($subject: SubjectRef!, $column: Column, $kind: Kind) {
  departments(first: 100) {
    nodes {
      id name
      series(subject: $subject, column: $column, kind: $kind) { year name amount { ...money ...yoy } }
    }
  }
}${MONEY}${YOY}`;

export const MEASURE_SERIES_ACROSS = `query MeasureAcrossDepartments($measure: Measure!, $kind: Kind) {
  departments(first: 100) {
    nodes {
      id name
      series(measure: $measure, kind: $kind) { year amount { ...money ...yoy } }
    }
  }
}${MONEY}${YOY}`;
