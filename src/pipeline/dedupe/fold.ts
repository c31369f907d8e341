// Text folding shared by exact keys and fingerprints: width, case, a cheap traditional→simplified
// map for characters common in tech news, punctuation to spaces.

// Common traditional characters of tech and business news and their simplified forms, pairwise.
const TRAD =
  '負責業這裡於將並無們買賣價錢單車軍運達過還進選邊遠連開門問間聞關長東見視親觀覺記設話語認讓議論課請讀變貨貿費資賽質顧領頭題類風飛養馬驗體點黨齊龍億萬與專絲兩嚴個臨為麗舉麼義樂習鄉書亂爭虧雲亞產僅從倉儀眾優夥會偉傳傷倫偽餘係債傾償儲兒蘭興獸冊寫農馮衝決況淨減幾鳳憑擊劃劉則剛創刪別劇勸辦務動勵勁勞勢區醫華協盧衛卻廠廳曆厲壓廈縣參雙發敘葉號後嚇嗎聽啟吳員響團園圍國圖圓聖場壞塊堅壇牆壯聲處備復夠誇奪奮獎婦媽孫學寧寶實審憲宮寬賓對尋導壽爾盡層屬歲島嶺幣帥師帳帶幫幹廣莊慶庫應廢異張彈強歸當錄徹徑憶憂懷態總戀懇惡悅懸驚懼慘慣憤願懶戲戰戶撲執擴掃揚擾撫搶護報擔擬擁攔撥擇掛擋擠揮損換據擺搖攤撐攜攝敵數鬥斷舊時顯曉暫術機殺雜權條來楊傑極構槍櫃標棟欄樹樣檔橋夢檢樓橫歡歐殘毀畢氣匯漢湯溝沒淚潑澤潔淺測濟渾濃濤潤漲淵漸漁溫灣濕滿濾濫濱灘潛滅燈靈災爐煉爛煙煩燒熱愛爺牽犧狀獨獅獄豬貓獻環現瓊電畫暢療瘋癢鹽監蓋盜盤睜瞞矯礦碼磚確礙鎮禮禍禪離種積稱稅穩窮竊競筆築籌簽簡籃糧緊糾紀約紅納紐純紗紙級紛細紹終組結絕絡給統經綜綠維綱網緒線締緣編緩練縮縱績織繞繪繼續纏纖罰罷羅聯聰職肅脅脈脫腦腳腸膚膠膽臉臟臺艦藝藥蘇蘋蘿虛蟲蝦蠶補裝製複規覽觸訂計訊討訓託訪許訴診註評詞詢試詩詳誌誕誘誠誤說誰調談諒諸諾謀謂講謝謠謹證識譜譯譽讚豐貝財貢貧販貪貫貯貴貸貼賀賄賊賜賞賠賢賤賦賬賭賴賺購贈贊贏趕趙趨跡踐蹤躍軌軟軸較載輔輕輛輝輩輪輯輸轉轟辭辯迴週遊違遙遞適遲遷遺邁邏郵鄧鄭鄰醬釋針鈴鉛銀銅銷鋁鋒鋪鋼錦錫錯鍋鍵鍾鎖鏈鏡鐘鐵鑄鑑鑰鑽閃閉閑閣閱闆闊闖陝陣陰陳陸陽隊階際隨險隱雖雞難霧靜韓韻頁頂項順須預頒頓頻顆額顏飯飲飽飾館饋駐駕騎騙騰驅髮鬆鬧魚魯鮮鳥鴻鵬鷹麥黃齒龜範獲準營螞蟻佈';
const SIMP =
  '负责业这里于将并无们买卖价钱单车军运达过还进选边远连开门问间闻关长东见视亲观觉记设话语认让议论课请读变货贸费资赛质顾领头题类风飞养马验体点党齐龙亿万与专丝两严个临为丽举么义乐习乡书乱争亏云亚产仅从仓仪众优伙会伟传伤伦伪余系债倾偿储儿兰兴兽册写农冯冲决况净减几凤凭击划刘则刚创删别剧劝办务动励劲劳势区医华协卢卫却厂厅历厉压厦县参双发叙叶号后吓吗听启吴员响团园围国图圆圣场坏块坚坛墙壮声处备复够夸夺奋奖妇妈孙学宁宝实审宪宫宽宾对寻导寿尔尽层属岁岛岭币帅师帐带帮干广庄庆库应废异张弹强归当录彻径忆忧怀态总恋恳恶悦悬惊惧惨惯愤愿懒戏战户扑执扩扫扬扰抚抢护报担拟拥拦拨择挂挡挤挥损换据摆摇摊撑携摄敌数斗断旧时显晓暂术机杀杂权条来杨杰极构枪柜标栋栏树样档桥梦检楼横欢欧残毁毕气汇汉汤沟没泪泼泽洁浅测济浑浓涛润涨渊渐渔温湾湿满滤滥滨滩潜灭灯灵灾炉炼烂烟烦烧热爱爷牵牺状独狮狱猪猫献环现琼电画畅疗疯痒盐监盖盗盘睁瞒矫矿码砖确碍镇礼祸禅离种积称税稳穷窃竞笔筑筹签简篮粮紧纠纪约红纳纽纯纱纸级纷细绍终组结绝络给统经综绿维纲网绪线缔缘编缓练缩纵绩织绕绘继续缠纤罚罢罗联聪职肃胁脉脱脑脚肠肤胶胆脸脏台舰艺药苏苹萝虚虫虾蚕补装制复规览触订计讯讨训托访许诉诊注评词询试诗详志诞诱诚误说谁调谈谅诸诺谋谓讲谢谣谨证识谱译誉赞丰贝财贡贫贩贪贯贮贵贷贴贺贿贼赐赏赔贤贱赋账赌赖赚购赠赞赢赶赵趋迹践踪跃轨软轴较载辅轻辆辉辈轮辑输转轰辞辩回周游违遥递适迟迁遗迈逻邮邓郑邻酱释针铃铅银铜销铝锋铺钢锦锡错锅键钟锁链镜钟铁铸鉴钥钻闪闭闲阁阅板阔闯陕阵阴陈陆阳队阶际随险隐虽鸡难雾静韩韵页顶项顺须预颁顿频颗额颜饭饮饱饰馆馈驻驾骑骗腾驱发松闹鱼鲁鲜鸟鸿鹏鹰麦黄齿龟范获准营蚂蚁布';

const T2S = new Map<number, string>();
const NEEDS_FOLD = new RegExp(`[\\uff01-\\uff5e\\u3000${TRAD}]`);
for (let i = 0; i < TRAD.length && i < SIMP.length; i++) T2S.set(TRAD.charCodeAt(i), SIMP[i]);
/** 1 for the code units foldChars may change: full-width ASCII, the ideographic space, T2S's keys. */
const FOLDS = new Uint8Array(65536);
FOLDS.fill(1, 0xff01, 0xff5f);
FOLDS[0x3000] = 1;
for (const c of T2S.keys()) FOLDS[c] = 1;

/** Full-width ASCII → half-width, ideographic space → space, traditional → simplified (common subset). Keeps case. */
export function foldChars(s: string): string {
  if (!NEEDS_FOLD.test(s)) return s;
  // Unchanged stretches are copied whole; only the code units FOLDS marks are looked at.
  let out = '';
  let from = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (FOLDS[c] === 0) continue;
    let to: string;
    if (c >= 0xff01 && c <= 0xff5e) to = String.fromCharCode(c - 0xfee0);
    else if (c === 0x3000) to = ' ';
    else to = T2S.get(c) ?? s[i];
    out += s.slice(from, i) + to;
    from = i + 1;
  }
  return from === 0 ? out + s : out + s.slice(from);
}

/** foldChars, lower case. */
export function foldText(s: string): string {
  return foldChars(s).toLowerCase();
}

const PUNCT = /[^\p{L}\p{N}]+/gu;

/** Folded text with every run of punctuation/whitespace collapsed to one space. */
export function foldForKey(s: string): string {
  return asciiForKey(s) ?? foldText(s).replace(PUNCT, ' ').trim();
}

const isAsciiAlnum = (c: number) => (c >= 97 && c <= 122) || (c >= 48 && c <= 57) || (c >= 65 && c <= 90);

/**
 * foldForKey of an ASCII-only text (null for any other): foldChars leaves ASCII alone, and among
 * ASCII only [A-Za-z0-9] are letters or numbers, so runs of anything else become one space and
 * the ends are trimmed, as the Unicode pattern and trim() do.
 */
function asciiForKey(s: string): string | null {
  const n = s.length;
  for (let i = 0; i < n; i++) if (s.charCodeAt(i) > 127) return null;
  const lower = s.toLowerCase();
  let out = '';
  // Start of the current run of letters and digits.
  let from = -1;
  for (let i = 0; i < n; i++) {
    if (isAsciiAlnum(lower.charCodeAt(i))) {
      if (from < 0) {
        if (out) out += ' ';
        from = i;
      }
    } else if (from >= 0) {
      out += lower.slice(from, i);
      from = -1;
    }
  }
  if (from >= 0) out += from === 0 ? lower : lower.slice(from);
  return out;
}

export function isCjk(code: number): boolean {
  return (code >= 0x4e00 && code <= 0x9fff) || (code >= 0x3400 && code <= 0x4dbf);
}

/** Share of CJK characters among letters: > 0.3 counts as Chinese text. */
export function cjkShare(s: string): number {
  let cjk = 0;
  let letters = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (isCjk(c)) {
      cjk++;
      letters++;
    } else if ((c >= 97 && c <= 122) || (c >= 65 && c <= 90)) letters++;
  }
  return letters === 0 ? 0 : cjk / letters;
}
